package dev.wharf.runtime.proxy;

import dev.wharf.runtime.storage.Digest;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import reactor.core.publisher.Flux;

/**
 * An object one of the upstreams had.
 *
 * @param upstream the UpstreamProxy that served it
 * @param cache how it was served
 * @param headers the upstream's headers a format may need: its protocol's {@link UpstreamProtocol#keptHeaders}
 * @param size its length in bytes
 * @param digest the sha256 of its bytes
 * @param body its bytes, read when subscribed (from the BlobStore or from memory); the subscriber releases each
 *     buffer, as WebFlux does when it writes them out. Not subscribing (a HEAD request) costs nothing. The body of a
 *     miss {@linkplain UpstreamEngine#stream streamed} as it arrives can be read once; the answer to
 *     {@linkplain UpstreamEngine#head a HEAD} has none (reading it fails).
 */
public record UpstreamResult(
        String upstream, CacheOutcome cache, HttpHeaders headers, long size, Digest digest, Flux<DataBuffer> body) {

    /** The content type the upstream gave; {@code application/octet-stream} when it gave none. */
    public String contentType() {
        String type = headers.getFirst(HttpHeaders.CONTENT_TYPE);
        return type == null ? "application/octet-stream" : type;
    }
}
