package dev.wharf.cli.config;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * What {@code wharf login} saved: the server and the API token it was given, never a password.
 *
 * @param server the runtime's URL, such as {@code http://localhost:8080}
 * @param username who logged in; absent after a login with a token
 * @param token the API token
 * @param tokenId the token's id, which {@code wharf logout} revokes; absent after a login with a token
 * @param expiresAt when the token expires, as the server said
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record CliConfig(
        @Nullable String server,
        @Nullable String username,
        @Nullable String token,
        @Nullable Long tokenId,
        @Nullable String expiresAt) {

    /** Nothing saved. */
    public static final CliConfig EMPTY = new CliConfig(null, null, null, null, null);

    /** The same server, logged out. */
    public CliConfig loggedOut() {
        return new CliConfig(server, null, null, null, null);
    }

    @Override
    public String toString() {
        return "CliConfig[server=" + server + ", username=" + username + ", token=" + (token == null ? "none" : "…")
                + ", tokenId=" + tokenId + "]";
    }
}
