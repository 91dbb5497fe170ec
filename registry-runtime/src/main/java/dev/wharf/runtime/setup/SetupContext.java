package dev.wharf.runtime.setup;

import java.net.URI;

/**
 * The registry a setup is for, as a client sees it.
 *
 * @param registry the registry's name
 * @param base the URL clients reach the runtime at, without a path: the Registry's external URL when it has one, else
 *     the scheme and host of the request
 * @param username the user name to log in with, or the placeholder {@value #USERNAME}
 * @param secret the token to log in with, or the placeholder {@value #SECRET}
 */
public record SetupContext(String registry, URI base, String username, String secret) {

    /** The placeholder for the user name. */
    public static final String USERNAME = "<username>";

    /** The placeholder for the password or API token. */
    public static final String SECRET = "<token>";

    /** The absolute URL of {@code path} (which starts with {@code /}) on the runtime. */
    public String url(String path) {
        return base.toString() + path;
    }

    /** The host and port clients name the runtime by, such as {@code localhost:8080} (docker, helm). */
    public String host() {
        return base.getRawAuthority();
    }

    /** Whether the runtime is reached over plain HTTP, which docker and helm must be told. */
    public boolean plainHttp() {
        return "http".equals(base.getScheme());
    }
}
