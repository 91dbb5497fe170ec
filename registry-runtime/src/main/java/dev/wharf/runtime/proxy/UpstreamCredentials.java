package dev.wharf.runtime.proxy;

import dev.wharf.runtime.config.SecretResolver;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The credentials of an upstream, read from its Secret on every request so that a rotated Secret is used at once:
 * keys {@code username} and {@code password} for Basic authentication, or {@code token} for Bearer. Never shows a
 * value in {@code toString()}.
 */
public final class UpstreamCredentials {

    static final String USERNAME = "username";
    static final String PASSWORD = "password";
    static final String TOKEN = "token";

    /** No credentials: anonymous access. */
    public static final UpstreamCredentials NONE = new UpstreamCredentials(null, null, null);

    private final @Nullable String username;
    private final @Nullable String password;
    private final @Nullable String token;

    private UpstreamCredentials(@Nullable String username, @Nullable String password, @Nullable String token) {
        this.username = username;
        this.password = password;
        this.token = token;
    }

    /** The credentials in Secret {@code secretName}; {@link #NONE} when it is null or holds neither form. */
    static UpstreamCredentials resolve(@Nullable String secretName, SecretResolver secrets) {
        if (secretName == null) {
            return NONE;
        }
        Optional<String> token = secrets.resolve(secretName, TOKEN);
        if (token.isPresent()) {
            return new UpstreamCredentials(null, null, token.get().strip());
        }
        Optional<String> username = secrets.resolve(secretName, USERNAME);
        Optional<String> password = secrets.resolve(secretName, PASSWORD);
        if (username.isPresent() && password.isPresent()) {
            return new UpstreamCredentials(username.get().strip(), password.get(), null);
        }
        return NONE;
    }

    /** Basic credentials, for tests and authenticators. */
    public static UpstreamCredentials basic(String username, String password) {
        return new UpstreamCredentials(username, password, null);
    }

    /** A bearer token. */
    public static UpstreamCredentials bearer(String token) {
        return new UpstreamCredentials(null, null, token);
    }

    /** The {@code Authorization} header value to send to the upstream; empty for anonymous access. */
    public Optional<String> authorization() {
        if (token != null) {
            return Optional.of("Bearer " + token);
        }
        return basicAuthorization();
    }

    /** The {@code Authorization: Basic} value of a username and password; empty for a token or no credentials. */
    public Optional<String> basicAuthorization() {
        if (username == null || password == null) {
            return Optional.empty();
        }
        String pair = username + ":" + password;
        return Optional.of("Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public String toString() {
        if (token != null) {
            return "UpstreamCredentials[bearer token]";
        }
        return username == null ? "UpstreamCredentials[none]" : "UpstreamCredentials[basic, user " + username + "]";
    }
}
