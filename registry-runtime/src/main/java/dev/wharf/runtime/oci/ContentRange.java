package dev.wharf.runtime.oci;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The {@code Content-Range} of a chunk of a blob upload: {@code <start>-<end>}, both inclusive (the distribution
 * spec's form; {@code bytes <start>-<end>/<total>} is read too, as some clients send it).
 *
 * @param start the offset of the chunk's first byte
 * @param end the offset of its last byte
 */
record ContentRange(long start, long end) {

    private static final Pattern RANGE =
            Pattern.compile("(?:bytes[ =])?(\\d{1,18})-(\\d{1,18})(?:/(?:\\d{1,18}|\\*))?");

    /** The range of the header; null when there is none; a RANGE_INVALID when it is malformed. */
    static @Nullable ContentRange parse(@Nullable String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        Matcher matcher = RANGE.matcher(header.strip());
        if (!matcher.matches()) {
            throw new OciException(
                    OciError.RANGE_INVALID,
                    "the Content-Range '" + OciNames.printable(header) + "' is not of the form <start>-<end>");
        }
        long start = Long.parseLong(matcher.group(1));
        long end = Long.parseLong(matcher.group(2));
        if (end < start) {
            throw new OciException(
                    OciError.RANGE_INVALID, "the Content-Range " + start + "-" + end + " ends before it starts");
        }
        return new ContentRange(start, end);
    }

    /** How many bytes the range covers. */
    long length() {
        return end - start + 1;
    }

    /** The {@code Range} header of an upload holding {@code size} bytes: {@code 0-<last byte>}. */
    static String uploaded(long size) {
        return "0-" + Math.max(0, size - 1);
    }
}
