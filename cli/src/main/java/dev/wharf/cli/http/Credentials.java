package dev.wharf.cli.http;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.jspecify.annotations.Nullable;

/** What a request authenticates with: nothing, an API token, or a user's password. Never printed. */
public sealed interface Credentials {

    /** The {@code Authorization} header value, or null for none. */
    @Nullable String header();

    /** No credentials. */
    record None() implements Credentials {
        @Override
        public @Nullable String header() {
            return null;
        }
    }

    /** An API token, sent as a Bearer token. */
    record Token(String token) implements Credentials {
        @Override
        public String header() {
            return "Bearer " + token;
        }

        @Override
        public String toString() {
            return "Token[…]";
        }
    }

    /** A user and password, sent as Basic: only to mint a token, never stored. */
    final class Password implements Credentials {
        private final String username;
        private final char[] password;

        public Password(String username, char[] password) {
            this.username = username;
            this.password = password;
        }

        public String username() {
            return username;
        }

        @Override
        public String header() {
            String pair = username + ":" + new String(password);
            return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public String toString() {
            return "Password[" + username + "]";
        }
    }
}
