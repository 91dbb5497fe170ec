package dev.wharf.runtime.web;

import dev.wharf.runtime.storage.ByteRange;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.http.MediaType;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A {@code multipart/byteranges} body (RFC 9110, section 14.6): for each range a delimiter, its {@code Content-Type}
 * and {@code Content-Range}, an empty line and its bytes, then the closing delimiter. The bytes of each part are
 * streamed from a ranged read as the client takes them; the part headers are small and known up front, so the
 * {@code Content-Length} is exact before the first byte is sent.
 */
public final class MultipartByteRanges {

    private static final String CRLF = "\r\n";

    private final String boundary;
    private final List<ByteRange> ranges;
    private final List<byte[]> partHeads;
    private final byte[] closing;
    private final long contentLength;

    /**
     * The parts of {@code ranges} of a blob of {@code size} bytes served as {@code contentType}, separated by
     * {@code boundary}, which must not occur in the bytes (a random one from {@link #of} does not, in practice).
     */
    MultipartByteRanges(String boundary, MediaType contentType, List<ByteRange> ranges, long size) {
        if (ranges.isEmpty()) {
            throw new IllegalArgumentException("a multipart/byteranges body needs at least one range");
        }
        this.boundary = boundary;
        this.ranges = List.copyOf(ranges);
        this.partHeads = new ArrayList<>(ranges.size());
        long length = 0;
        for (int i = 0; i < ranges.size(); i++) {
            ByteRange range = ranges.get(i);
            // The CRLF before each delimiter but the first belongs to the delimiter (RFC 2046, section 5.1.1).
            byte[] head = ((i == 0 ? "" : CRLF) + "--" + boundary + CRLF
                            + "Content-Type: " + contentType + CRLF
                            + "Content-Range: " + range.contentRange(size) + CRLF
                            + CRLF)
                    .getBytes(StandardCharsets.US_ASCII);
            partHeads.add(head);
            length += head.length + range.lengthIn(size);
        }
        this.closing = (CRLF + "--" + boundary + "--" + CRLF).getBytes(StandardCharsets.US_ASCII);
        this.contentLength = length + closing.length;
    }

    /**
     * The parts of {@code ranges} of a blob of {@code size} bytes, with a random boundary of a fixed length, so that a
     * HEAD announces the {@code Content-Length} a GET of the same ranges has.
     */
    public static MultipartByteRanges of(MediaType contentType, List<ByteRange> ranges, long size) {
        return new MultipartByteRanges("wharf-" + UUID.randomUUID(), contentType, ranges, size);
    }

    /** {@code multipart/byteranges} with the boundary, the {@code Content-Type} of the response. */
    public MediaType mediaType() {
        return new MediaType("multipart", "byteranges", Map.of("boundary", boundary));
    }

    /** The exact number of bytes of the body. */
    public long contentLength() {
        return contentLength;
    }

    /**
     * The body: part headers from {@code buffers}, each part's bytes from {@code read}, which must give exactly the
     * bytes of the range; one part is read after the other, never two at once.
     */
    public Flux<DataBuffer> body(DataBufferFactory buffers, Function<ByteRange, Flux<DataBuffer>> read) {
        Flux<DataBuffer> parts = Flux.range(0, ranges.size())
                .concatMap(
                        i -> Mono.fromSupplier(() -> buffers.wrap(partHeads.get(i)))
                                .concatWith(read.apply(ranges.get(i))),
                        0);
        return parts.concatWith(Mono.fromSupplier(() -> buffers.wrap(closing)));
    }
}
