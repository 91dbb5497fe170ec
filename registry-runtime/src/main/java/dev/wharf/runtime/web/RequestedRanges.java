package dev.wharf.runtime.web;

import dev.wharf.runtime.storage.ByteRange;
import dev.wharf.runtime.storage.RangeNotSatisfiableException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The parts of a blob of {@code size} bytes that a GET's {@code Range} header asks for (RFC 9110, section 14), after
 * the rules by which this registry answers it:
 *
 * <ul>
 *   <li>no header, a unit other than {@code bytes}, or any malformed range-spec: the whole blob, 200;
 *   <li>more than {@value #MAX_RANGES} range-specs: the whole blob, 200 (section 14.2 lets a server ignore a Range
 *       header it finds unreasonable);
 *   <li>range-specs that do not overlap the blob are dropped; when none is left, 416 with
 *       {@code Content-Range: bytes *}{@code /size} ({@link RangeNotSatisfiableException});
 *   <li>one range left: 206 with that range and its {@code Content-Range};
 *   <li>several left that overlap one another (together they would send some bytes twice): the whole blob, 200;
 *   <li>several left that do not: 206 {@code multipart/byteranges}, one part per range in the order asked
 *       ({@link MultipartByteRanges}).
 * </ul>
 *
 * @param ranges the ranges to send, within the blob and with their lengths set; empty for the whole blob
 * @param size the size of the blob
 */
public record RequestedRanges(List<ByteRange> ranges, long size) {

    /** The most range-specs a Range header is answered with; more are answered with the whole blob. */
    public static final int MAX_RANGES = 16;

    private static final String UNIT = "bytes=";

    /** Copies the ranges. */
    public RequestedRanges {
        ranges = List.copyOf(ranges);
    }

    /**
     * The ranges {@code header} asks for in a blob of {@code size} bytes.
     *
     * @throws RangeNotSatisfiableException when no range-spec overlaps the blob
     */
    public static RequestedRanges parse(@Nullable String header, long size) {
        RequestedRanges whole = new RequestedRanges(List.of(), size);
        if (header == null) {
            return whole;
        }
        String value = header.strip();
        if (!value.regionMatches(true, 0, UNIT, 0, UNIT.length())) {
            return whole;
        }
        // A list may hold empty elements (RFC 9110, section 5.6.1), which are skipped.
        List<String> specs = new ArrayList<>();
        for (String spec : value.substring(UNIT.length()).split(",", -1)) {
            if (!spec.isBlank()) {
                specs.add(spec.strip());
            }
        }
        if (specs.isEmpty() || specs.size() > MAX_RANGES) {
            return whole;
        }
        List<ByteRange> satisfiable = new ArrayList<>(specs.size());
        for (String spec : specs) {
            Optional<ByteRange> range;
            try {
                range = ByteRange.parse(UNIT + spec, size);
            } catch (RangeNotSatisfiableException e) {
                // This range-spec lies past the end of the blob: dropped, the others may still be served.
                continue;
            }
            if (range.isEmpty()) {
                return whole;
            }
            satisfiable.add(range.get());
        }
        if (satisfiable.isEmpty()) {
            throw new RangeNotSatisfiableException(header, size);
        }
        if (overlap(satisfiable, size)) {
            return whole;
        }
        return new RequestedRanges(satisfiable, size);
    }

    /** Whether the whole blob is sent, with 200. */
    public boolean whole() {
        return ranges.isEmpty();
    }

    /** Whether the answer is {@code multipart/byteranges}. */
    public boolean multipart() {
        return ranges.size() > 1;
    }

    /** The one range sent; only when neither {@link #whole()} nor {@link #multipart()}. */
    public ByteRange single() {
        if (ranges.size() != 1) {
            throw new IllegalStateException("there are " + ranges.size() + " ranges, not one");
        }
        return ranges.get(0);
    }

    /** Whether the first byte sent is the blob's first byte (a download from the start, which is counted). */
    public boolean fromFirstByte() {
        return whole() || ranges.get(0).offset() == 0;
    }

    private static boolean overlap(List<ByteRange> ranges, long size) {
        List<ByteRange> sorted = new ArrayList<>(ranges);
        sorted.sort(Comparator.comparingLong(ByteRange::offset));
        for (int i = 1; i < sorted.size(); i++) {
            ByteRange previous = sorted.get(i - 1);
            if (previous.offset() + previous.lengthIn(size) > sorted.get(i).offset()) {
                return true;
            }
        }
        return false;
    }
}
