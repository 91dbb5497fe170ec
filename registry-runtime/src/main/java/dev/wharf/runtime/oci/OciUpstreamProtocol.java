package dev.wharf.runtime.oci;

import dev.wharf.api.v1alpha1.common.Format;
import dev.wharf.runtime.proxy.UpstreamAuthenticator;
import dev.wharf.runtime.proxy.UpstreamFailureException;
import dev.wharf.runtime.proxy.UpstreamProtocol;
import dev.wharf.runtime.proxy.UpstreamRequest;
import dev.wharf.runtime.storage.Digest;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpHeaders;

/**
 * The distribution protocol as the upstream engine speaks it to docker UpstreamProxies: it keeps
 * {@code Docker-Content-Digest}, trusts a {@code HEAD} only when that header (if given) is the request's digest,
 * answers challenges with Docker's token dance, and asks Docker Hub for its official images as {@code library/<name>}.
 */
final class OciUpstreamProtocol implements UpstreamProtocol {

    private static final List<String> KEPT_HEADERS = kept();

    private final UpstreamAuthenticator authenticator;

    OciUpstreamProtocol(UpstreamAuthenticator authenticator) {
        this.authenticator = authenticator;
    }

    @Override
    public Format format() {
        return Format.DOCKER;
    }

    @Override
    public List<String> keptHeaders() {
        return KEPT_HEADERS;
    }

    @Override
    public UpstreamAuthenticator authenticator() {
        return authenticator;
    }

    /**
     * An answer without {@code Docker-Content-Digest} (a CDN the upstream redirected to gives none) stands for the
     * digest its path names, as a GET of it would be checked against.
     */
    @Override
    public void checkHead(String upstream, UpstreamRequest request, Digest digest, HttpHeaders headers) {
        String given = headers.getFirst(OciHeaders.CONTENT_DIGEST);
        if (given != null && !given.equals(digest.toString())) {
            throw new UpstreamFailureException("upstream '" + upstream + "' answered HEAD " + request.path()
                    + " with digest " + given + ", but the request digest was " + digest);
        }
    }

    /** The request's path ({@code /v2/<name>/...}) with the repository's name at that upstream. */
    @Override
    public String path(URI base, UpstreamRequest request) {
        String name = request.name();
        String prefix = "/v2/" + name + "/";
        String upstreamName = OciUpstreams.upstreamName(base, name);
        if (upstreamName.equals(name) || !request.path().startsWith(prefix)) {
            return request.path();
        }
        return "/v2/" + upstreamName + "/" + request.path().substring(prefix.length());
    }

    private static List<String> kept() {
        List<String> kept = new ArrayList<>(COMMON_HEADERS);
        kept.add(OciHeaders.CONTENT_DIGEST);
        return List.copyOf(kept);
    }
}
