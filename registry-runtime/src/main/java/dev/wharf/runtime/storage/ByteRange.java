package dev.wharf.runtime.storage;

import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A part of a blob to read: from {@code offset}, {@code length} bytes or, when the length is null, to the end.
 *
 * @param offset the first byte, counted from 0
 * @param length how many bytes, at least 1; null means up to the end of the blob
 */
public record ByteRange(long offset, @Nullable Long length) {

    private static final String UNIT = "bytes=";

    /** Checks that the range is well formed. */
    public ByteRange {
        if (offset < 0) {
            throw new IllegalArgumentException("a byte range cannot start before 0, but it starts at " + offset);
        }
        if (length != null && length < 1) {
            throw new IllegalArgumentException("a byte range needs a length of at least 1, not " + length);
        }
    }

    /** From {@code offset} to the end. */
    public static ByteRange from(long offset) {
        return new ByteRange(offset, null);
    }

    /** {@code length} bytes from {@code offset}. */
    public static ByteRange of(long offset, long length) {
        return new ByteRange(offset, length);
    }

    /**
     * The range an HTTP {@code Range} header asks for in a blob of {@code blobSize} bytes (RFC 9110, section 14):
     * {@code bytes=a-b}, {@code bytes=a-} or {@code bytes=-n}, clipped to the blob.
     *
     * @return empty when there is no header or the server should ignore it and send the whole blob (another unit,
     *     several ranges, a malformed value); otherwise a range that lies within the blob, with its length set
     * @throws RangeNotSatisfiableException when the range does not overlap the blob (the answer is then 416)
     */
    public static Optional<ByteRange> parse(@Nullable String header, long blobSize) {
        if (header == null) {
            return Optional.empty();
        }
        String value = header.strip();
        if (!value.regionMatches(true, 0, UNIT, 0, UNIT.length()) || value.indexOf(',') >= 0) {
            return Optional.empty();
        }
        String spec = value.substring(UNIT.length()).strip();
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return Optional.empty();
        }
        long first = number(spec.substring(0, dash));
        long last = number(spec.substring(dash + 1));
        if (dash == 0) {
            // bytes=-n: the last n bytes.
            if (last < 0) {
                return Optional.empty();
            }
            if (last == 0 || blobSize == 0) {
                throw new RangeNotSatisfiableException(header, blobSize);
            }
            long length = Math.min(last, blobSize);
            return Optional.of(of(blobSize - length, length));
        }
        boolean open = dash == spec.length() - 1;
        if (first < 0 || (!open && (last < 0 || last < first))) {
            return Optional.empty();
        }
        if (first >= blobSize) {
            throw new RangeNotSatisfiableException(header, blobSize);
        }
        long end = open ? blobSize - 1 : Math.min(last, blobSize - 1);
        return Optional.of(of(first, end - first + 1));
    }

    /** How many bytes this range covers in a blob of {@code blobSize} bytes. */
    public long lengthIn(long blobSize) {
        long rest = Math.max(0, blobSize - offset);
        return length == null ? rest : Math.min(length, rest);
    }

    /** The value of a {@code Content-Range} header for this range of a blob of {@code blobSize} bytes. */
    public String contentRange(long blobSize) {
        return String.format(Locale.ROOT, "bytes %d-%d/%d", offset, offset + lengthIn(blobSize) - 1, blobSize);
    }

    /** A non-negative decimal of at most 18 digits, or -1. */
    private static long number(String text) {
        if (text.isEmpty() || text.length() > 18) {
            return -1;
        }
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return -1;
            }
        }
        return Long.parseLong(text);
    }
}
