package dev.wharf.runtime.web;

import dev.wharf.runtime.storage.ByteRange;
import dev.wharf.runtime.storage.Digest;
import java.nio.file.Path;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ReactiveHttpOutputMessage;
import org.springframework.http.ZeroCopyHttpOutputMessage;
import org.springframework.web.reactive.function.BodyInserter;
import reactor.core.publisher.Flux;

/**
 * The body of a download of a stored blob, whole, one range or several ({@link RequestedRanges}), with the status and
 * the headers that describe it, counted in the registry's bytes-out metric as it is sent.
 *
 * <p>The body is written to the response directly, so the framework never applies the request's {@code Range} header
 * a second time: the {@code Content-Length} set here is always the length of the body sent.
 */
public final class BlobBody {

    private final ServedRegistry registry;
    private final Digest digest;
    private final RequestedRanges ranges;
    private final MediaType contentType;
    private final @Nullable MultipartByteRanges parts;

    private BlobBody(ServedRegistry registry, Digest digest, RequestedRanges ranges, MediaType contentType) {
        this.registry = registry;
        this.digest = digest;
        this.ranges = ranges;
        this.contentType = contentType;
        this.parts = ranges.multipart() ? MultipartByteRanges.of(contentType, ranges.ranges(), ranges.size()) : null;
    }

    /** {@code ranges} of the blob {@code digest} of {@code registry}, whose bytes are of {@code contentType}. */
    public static BlobBody of(ServedRegistry registry, Digest digest, RequestedRanges ranges, MediaType contentType) {
        return new BlobBody(registry, digest, ranges, contentType);
    }

    /** 200 for the whole blob, 206 for ranges. */
    public HttpStatus status() {
        return ranges.whole() ? HttpStatus.OK : HttpStatus.PARTIAL_CONTENT;
    }

    /** Sets the {@code Content-Type}, the {@code Content-Length} and, for one range, the {@code Content-Range}. */
    public void describe(HttpHeaders headers) {
        if (parts != null) {
            headers.setContentType(parts.mediaType());
            headers.setContentLength(parts.contentLength());
            return;
        }
        headers.setContentType(contentType);
        if (ranges.whole()) {
            headers.setContentLength(ranges.size());
            return;
        }
        ByteRange range = ranges.single();
        headers.setContentLength(range.lengthIn(ranges.size()));
        headers.set(HttpHeaders.CONTENT_RANGE, range.contentRange(ranges.size()));
    }

    /**
     * The bytes. A whole blob the store keeps as a local file is sent by the kernel (sendfile, zero-copy), several
     * times faster than reading it through buffers, and counted as sent when the response starts; anything else (a
     * range, S3) is streamed in buffers as they are read.
     */
    public BodyInserter<Void, ReactiveHttpOutputMessage> inserter(WebMetrics metrics) {
        return (message, context) -> {
            Optional<Path> local = ranges.whole() ? registry.store().localFile(digest) : Optional.empty();
            if (local.isPresent() && message instanceof ZeroCopyHttpOutputMessage zeroCopy) {
                metrics.bytesOut(registry, ranges.size());
                return zeroCopy.writeWith(local.get(), 0, ranges.size());
            }
            Flux<DataBuffer> body = parts != null
                    ? parts.body(
                            message.bufferFactory(), range -> registry.store().read(digest, range))
                    : registry.store().read(digest, ranges.whole() ? null : ranges.single());
            return message.writeWith(body.doOnNext(buffer -> metrics.bytesOut(registry, buffer.readableByteCount())));
        };
    }
}
