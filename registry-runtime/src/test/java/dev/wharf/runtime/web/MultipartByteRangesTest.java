package dev.wharf.runtime.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.runtime.storage.ByteRange;
import dev.wharf.runtime.testing.ByteRangesBody;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.MediaType;
import reactor.core.publisher.Flux;

/** The bytes of a multipart/byteranges body and the length announced for them. */
class MultipartByteRangesTest {

    private static final byte[] FILE = "0123456789abcdefghij".getBytes(StandardCharsets.US_ASCII);
    private static final DefaultDataBufferFactory BUFFERS = DefaultDataBufferFactory.sharedInstance;

    @Test
    void bodyShouldBeDelimitedPartsWithTheirHeadersThenTheClosingDelimiter() {
        MultipartByteRanges parts = new MultipartByteRanges(
                "sep", MediaType.TEXT_PLAIN, List.of(ByteRange.of(0, 2), ByteRange.of(15, 5)), FILE.length);

        assertThat(new String(body(parts), StandardCharsets.US_ASCII))
                .isEqualTo("--sep\r\n"
                        + "Content-Type: text/plain\r\n"
                        + "Content-Range: bytes 0-1/20\r\n"
                        + "\r\n"
                        + "01\r\n"
                        + "--sep\r\n"
                        + "Content-Type: text/plain\r\n"
                        + "Content-Range: bytes 15-19/20\r\n"
                        + "\r\n"
                        + "fghij\r\n"
                        + "--sep--\r\n");
        assertThat(parts.mediaType()).hasToString("multipart/byteranges;boundary=sep");
    }

    @Test
    void contentLengthShouldBeTheLengthOfTheBody() {
        MultipartByteRanges parts = MultipartByteRanges.of(
                MediaType.APPLICATION_OCTET_STREAM,
                List.of(ByteRange.of(19, 1), ByteRange.of(3, 9), ByteRange.of(0, 1)),
                FILE.length);

        byte[] body = body(parts);

        assertThat(parts.contentLength()).isEqualTo(body.length);
        List<ByteRangesBody.Part> read = ByteRangesBody.parse(parts.mediaType().toString(), body);
        assertThat(read)
                .extracting(part -> new String(part.bytes(), StandardCharsets.US_ASCII))
                .containsExactly("j", "3456789ab", "0");
    }

    @Test
    void ofShouldChooseBoundariesOfOneLengthThatDiffer() {
        List<ByteRange> ranges = List.of(ByteRange.of(0, 1), ByteRange.of(5, 1));
        MultipartByteRanges one = MultipartByteRanges.of(MediaType.TEXT_PLAIN, ranges, FILE.length);
        MultipartByteRanges other = MultipartByteRanges.of(MediaType.TEXT_PLAIN, ranges, FILE.length);

        assertThat(one.mediaType()).isNotEqualTo(other.mediaType());
        assertThat(one.contentLength()).isEqualTo(other.contentLength());
    }

    @Test
    void constructorWhenNoRangeShouldRefuse() {
        assertThatThrownBy(() -> new MultipartByteRanges("sep", MediaType.TEXT_PLAIN, List.of(), 10))
                .hasMessage("a multipart/byteranges body needs at least one range");
    }

    /** The body, reading each range from {@link #FILE} in buffers of 3 bytes, as a store reads in chunks. */
    private static byte[] body(MultipartByteRanges parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        parts.body(BUFFERS, MultipartByteRangesTest::read)
                .doOnNext(buffer -> {
                    byte[] bytes = new byte[buffer.readableByteCount()];
                    buffer.read(bytes);
                    DataBufferUtils.release(buffer);
                    out.writeBytes(bytes);
                })
                .blockLast();
        return out.toByteArray();
    }

    private static Flux<DataBuffer> read(ByteRange range) {
        int start = Math.toIntExact(range.offset());
        int end = Math.toIntExact(range.offset() + range.lengthIn(FILE.length));
        return Flux.range(0, (end - start + 2) / 3)
                .map(i -> BUFFERS.wrap(Arrays.copyOfRange(FILE, start + i * 3, Math.min(end, start + i * 3 + 3))));
    }
}
