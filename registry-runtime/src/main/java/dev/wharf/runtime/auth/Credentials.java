package dev.wharf.runtime.auth;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The credentials of an {@code Authorization} header: Basic user and password, or a Bearer token. The values are never
 * part of {@code toString()}.
 */
public sealed interface Credentials {

    /** {@code Authorization: Basic base64(user:password)}. */
    record Basic(String user, String password) implements Credentials {
        @Override
        public String toString() {
            return "Basic[" + user + "]";
        }
    }

    /** {@code Authorization: Bearer <token>}. */
    record Bearer(String token) implements Credentials {
        @Override
        public String toString() {
            return "Bearer[…]";
        }
    }

    /**
     * Reads an {@code Authorization} header value; empty when there is none. A header that is present but malformed is
     * an {@link IllegalArgumentException} whose message says what is wrong without repeating the value.
     */
    static Optional<Credentials> parse(@Nullable String header) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        int space = header.indexOf(' ');
        String scheme = (space < 0 ? header : header.substring(0, space)).toLowerCase(Locale.ROOT);
        String value = space < 0 ? "" : header.substring(space + 1).strip();
        return switch (scheme) {
            case "basic" -> Optional.of(basic(value));
            case "bearer" -> {
                if (value.isEmpty()) {
                    throw new IllegalArgumentException("the Bearer authorization has no token");
                }
                yield Optional.of(new Bearer(value));
            }
            default ->
                throw new IllegalArgumentException(
                        "unsupported authorization scheme '" + scheme + "': use Basic or Bearer");
        };
    }

    private static Credentials basic(String value) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the Basic authorization is not valid base64");
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("the Basic authorization must be user:password");
        }
        return new Basic(decoded.substring(0, colon), decoded.substring(colon + 1));
    }
}
