package dev.wharf.runtime.proxy;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One {@code WWW-Authenticate} challenge: its scheme and parameters, such as
 * {@code Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/a:pull"}.
 *
 * @param scheme the scheme in lower case ({@code bearer}, {@code basic})
 * @param parameters the parameters by lower-case name, unquoted
 */
public record AuthChallenge(String scheme, Map<String, String> parameters) {

    public AuthChallenge {
        parameters = Map.copyOf(parameters);
    }

    /** The challenge of a header value; empty when it is blank. Quoted values may hold commas and escaped quotes. */
    public static Optional<AuthChallenge> parse(String header) {
        String text = header.strip();
        int space = text.indexOf(' ');
        String scheme = space < 0 ? text : text.substring(0, space);
        if (scheme.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        int i = space < 0 ? text.length() : space + 1;
        while (i < text.length()) {
            int equals = text.indexOf('=', i);
            if (equals < 0) {
                break;
            }
            String name = text.substring(i, equals).strip().toLowerCase(Locale.ROOT);
            StringBuilder value = new StringBuilder();
            int j = equals + 1;
            if (j < text.length() && text.charAt(j) == '"') {
                j++;
                while (j < text.length() && text.charAt(j) != '"') {
                    if (text.charAt(j) == '\\' && j + 1 < text.length()) {
                        j++;
                    }
                    value.append(text.charAt(j));
                    j++;
                }
                j++;
            } else {
                while (j < text.length() && text.charAt(j) != ',') {
                    value.append(text.charAt(j));
                    j++;
                }
            }
            parameters.put(name, value.toString().strip());
            while (j < text.length() && (text.charAt(j) == ',' || text.charAt(j) == ' ')) {
                j++;
            }
            i = j;
        }
        return Optional.of(new AuthChallenge(scheme.toLowerCase(Locale.ROOT), parameters));
    }

    /** A parameter, such as {@code realm}; empty when the challenge has none. */
    public Optional<String> parameter(String name) {
        return Optional.ofNullable(parameters.get(name));
    }
}
