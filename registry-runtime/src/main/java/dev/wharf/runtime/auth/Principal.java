package dev.wharf.runtime.auth;

import dev.wharf.api.v1alpha1.registry.Role;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The identity behind a request: anonymous, a user from a users Secret, or an API token acting for its owner with at
 * most the roles it was issued for.
 *
 * @param name the user name; empty for anonymous
 * @param groups the groups the user belongs to, including {@link #AUTHENTICATED_GROUP} for any authenticated caller
 * @param tokenScopes for a token, the most it may do per registry name; empty for a password login
 */
public record Principal(String name, Set<String> groups, Kind kind, Map<String, Role> tokenScopes) {

    /** The group every caller with valid credentials belongs to. */
    public static final String AUTHENTICATED_GROUP = "wharf:authenticated";

    /** The caller without credentials. */
    public static final Principal ANONYMOUS = new Principal("", Set.of(), Kind.ANONYMOUS, Map.of());

    /** How the caller proved who they are. */
    public enum Kind {
        ANONYMOUS,
        USER,
        TOKEN
    }

    public Principal {
        groups = Set.copyOf(groups);
        tokenScopes = Map.copyOf(tokenScopes);
    }

    /** A user who logged in with a password. */
    public static Principal user(String name, Set<String> groups) {
        return new Principal(name, withAuthenticated(groups), Kind.USER, Map.of());
    }

    /** An API token acting for {@code owner}, limited to {@code scopes}. */
    public static Principal token(String owner, Set<String> groups, Map<String, Role> scopes) {
        return new Principal(owner, withAuthenticated(groups), Kind.TOKEN, scopes);
    }

    public boolean isAnonymous() {
        return kind == Kind.ANONYMOUS;
    }

    /** For a token, the most it may do in {@code registry}; empty when it may do nothing there. */
    public Optional<Role> tokenLimit(String registry) {
        return Optional.ofNullable(tokenScopes.get(registry)).or(() -> Optional.ofNullable(tokenScopes.get("*")));
    }

    private static Set<String> withAuthenticated(Set<String> groups) {
        return groups.contains(AUTHENTICATED_GROUP)
                ? groups
                : Stream.concat(groups.stream(), Stream.of(AUTHENTICATED_GROUP))
                        .collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public String toString() {
        return isAnonymous() ? "anonymous" : kind.name().toLowerCase(Locale.ROOT) + ":" + name;
    }
}
