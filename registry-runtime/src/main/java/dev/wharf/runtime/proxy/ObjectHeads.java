package dev.wharf.runtime.proxy;

import dev.wharf.runtime.storage.Digest;
import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.function.client.ClientResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Reads an upstream's answer to a {@code HEAD} of an immutable object into a result without a body: its length, and
 * what its protocol requires to trust it (for OCI, the digest it names must be the one asked for).
 */
final class ObjectHeads {

    private ObjectHeads() {}

    /**
     * The result of a 200 answer; an {@link UpstreamFailureException} for another status, a length missing, or an
     * answer the protocol does not trust ({@link UpstreamProtocol#checkHead}).
     */
    static Mono<UpstreamResult> read(
            String upstream,
            UpstreamProtocol protocol,
            UpstreamRequest request,
            Digest digest,
            ClientResponse response) {
        int status = response.statusCode().value();
        HttpHeaders headers = response.headers().asHttpHeaders();
        return response.releaseBody().then(Mono.fromCallable(() -> {
            if (status != 200) {
                throw new UpstreamFailureException("upstream '" + upstream + "' answered " + status
                        + " to an unconditional HEAD " + request.path());
            }
            long length = headers.getContentLength();
            if (length < 0) {
                throw new UpstreamFailureException(
                        "upstream '" + upstream + "' answered HEAD " + request.path() + " without a Content-Length");
            }
            protocol.checkHead(upstream, request, digest, headers);
            return new UpstreamResult(
                    upstream,
                    CacheOutcome.MISS,
                    protocol.kept(headers),
                    length,
                    digest,
                    Flux.error(() -> new IllegalStateException(
                            "the answer to a HEAD of " + request.path() + " has no body; fetch it to read it")));
        }));
    }
}
