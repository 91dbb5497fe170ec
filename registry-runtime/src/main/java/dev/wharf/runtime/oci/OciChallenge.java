package dev.wharf.runtime.oci;

import java.net.URI;
import org.springframework.http.HttpMethod;
import org.springframework.web.reactive.function.server.ServerRequest;

/**
 * The {@code WWW-Authenticate} challenge of a 401: Docker's token authentication, naming the token endpoint of this
 * runtime as the realm and, for a repository URL, the scope the request needs ({@code pull} to read, {@code push} to
 * write, {@code delete} to delete), so that docker, podman and skopeo fetch a token and retry.
 */
final class OciChallenge {

    private OciChallenge() {}

    /** The challenge for {@code request}. */
    static String of(ServerRequest request) {
        URI uri = request.uri();
        String realm = uri.getScheme() + "://" + uri.getRawAuthority() + "/v2/token";
        String challenge = "Bearer realm=\"" + realm + "\",service=\"" + TokenEndpoint.SERVICE + "\"";
        String scope = scope(request);
        return scope == null ? challenge : challenge + ",scope=\"" + scope + "\"";
    }

    private static @org.jspecify.annotations.Nullable String scope(ServerRequest request) {
        OciPath path;
        try {
            path = OciPath.parse(request.requestPath().pathWithinApplication());
        } catch (OciException e) {
            return null;
        }
        if (path.endpoint() == OciPath.Endpoint.CATALOG) {
            return null;
        }
        HttpMethod method = request.method();
        String actions;
        if (HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method)) {
            actions = path.endpoint() == OciPath.Endpoint.UPLOAD ? "pull,push" : "pull";
        } else if (HttpMethod.DELETE.equals(method) && path.endpoint() != OciPath.Endpoint.UPLOAD) {
            actions = "delete";
        } else {
            actions = "pull,push";
        }
        return "repository:" + path.fullName() + ":" + actions;
    }
}
