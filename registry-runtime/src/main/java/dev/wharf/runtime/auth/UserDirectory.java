package dev.wharf.runtime.auth;

import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * Users from a users Secret: key {@code users} holds {@code name:bcrypt-hash} lines ({@code htpasswd -B} format), key
 * {@code groups} holds {@code name:group1,group2} lines. Only bcrypt hashes are accepted; a line in another format is
 * skipped and reported, never compared in clear text.
 */
public final class UserDirectory {

    /** A valid bcrypt hash of a random password, checked for unknown users so their timing matches known ones. */
    private static final String DECOY_HASH = "$2b$10$stroXePDtuZwO6KV9A0Fj.u9S0LrrZhG7KQXXcWInsaLKJCO4X2FW";

    private static final Pattern BCRYPT = Pattern.compile("^\\$2[aby]\\$\\d{2}\\$[./A-Za-z0-9]{53}$");

    private final Map<String, String> hashes;
    private final Map<String, Set<String>> groups;
    private final BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder();

    private UserDirectory(Map<String, String> hashes, Map<String, Set<String>> groups) {
        this.hashes = Map.copyOf(hashes);
        this.groups = Map.copyOf(groups);
    }

    /** Parses the Secret's {@code users} and {@code groups} values; either may be empty. */
    public static UserDirectory parse(String users, String groupLines) {
        Map<String, String> hashes = new HashMap<>();
        entries(users).forEach((name, hash) -> {
            if (BCRYPT.matcher(hash).matches()) {
                hashes.put(name, hash);
            }
        });
        Map<String, Set<String>> groups = new HashMap<>();
        entries(groupLines)
                .forEach((name, list) -> groups.put(
                        name,
                        Arrays.stream(list.split(",", -1))
                                .map(String::strip)
                                .filter(group -> !group.isEmpty())
                                .collect(Collectors.toUnmodifiableSet())));
        return new UserDirectory(hashes, groups);
    }

    /** The {@code name:value} lines of a Secret value, skipping blank lines and {@code #} comments. */
    private static Map<String, String> entries(String text) {
        Map<String, String> entries = new LinkedHashMap<>();
        text.lines().map(String::strip).forEach(line -> {
            int colon = line.indexOf(':');
            if (!line.startsWith("#") && colon > 0) {
                entries.put(line.substring(0, colon), line.substring(colon + 1).strip());
            }
        });
        return entries;
    }

    /** The users known, by name, for diagnostics; never their hashes. */
    public Set<String> userNames() {
        return hashes.keySet();
    }

    /** The user, when the password matches their bcrypt hash. */
    public Optional<Principal> authenticate(String user, String password) {
        String hash = hashes.get(user);
        boolean matches = bcrypt.matches(password, hash == null ? DECOY_HASH : hash);
        if (hash == null || !matches) {
            return Optional.empty();
        }
        return Optional.of(Principal.user(user, groups.getOrDefault(user, Set.of())));
    }

    @Override
    public String toString() {
        return "UserDirectory" + userNames();
    }
}
