package dev.wharf.runtime.proxy;

import dev.wharf.runtime.storage.Digest;
import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.function.client.ClientResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Reads an upstream's answer to a {@code HEAD} of an immutable object into a result without a body: its length, and
 * its digest, which must be the one asked for.
 */
final class ObjectHeads {

    /** The header of the OCI distribution protocol that names the content's digest. */
    static final String CONTENT_DIGEST = "Docker-Content-Digest";

    private ObjectHeads() {}

    /**
     * The result of a 200 answer; an {@link UpstreamFailureException} for another status, a length missing, or a
     * {@code Docker-Content-Digest} other than {@code digest}. An answer without that header (a CDN the upstream
     * redirected to gives none) stands for the digest its path names, as a GET of it would be checked against.
     */
    static Mono<UpstreamResult> read(String upstream, UpstreamRequest request, Digest digest, ClientResponse response) {
        int status = response.statusCode().value();
        HttpHeaders headers = response.headers().asHttpHeaders();
        return response.releaseBody().then(Mono.fromCallable(() -> {
            if (status != 200) {
                throw new UpstreamFailureException("upstream '" + upstream + "' answered " + status
                        + " to an unconditional HEAD " + request.path());
            }
            String given = headers.getFirst(CONTENT_DIGEST);
            if (given != null && !given.equals(digest.toString())) {
                throw new UpstreamFailureException("upstream '" + upstream + "' answered HEAD " + request.path()
                        + " with digest " + given + ", but the request digest was " + digest);
            }
            long length = headers.getContentLength();
            if (length < 0) {
                throw new UpstreamFailureException(
                        "upstream '" + upstream + "' answered HEAD " + request.path() + " without a Content-Length");
            }
            return new UpstreamResult(
                    upstream,
                    CacheOutcome.MISS,
                    UpstreamEngine.kept(headers),
                    length,
                    digest,
                    Flux.error(() -> new IllegalStateException(
                            "the answer to a HEAD of " + request.path() + " has no body; fetch it to read it")));
        }));
    }
}
