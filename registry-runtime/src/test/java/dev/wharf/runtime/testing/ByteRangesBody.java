package dev.wharf.runtime.testing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reader of a {@code multipart/byteranges} body (RFC 9110, section 14.6): the body must start with the first
 * delimiter, each part must carry exactly a {@code Content-Type} and a {@code Content-Range} whose length its bytes
 * have, the parts must be separated by CRLF-delimiter and the body must end with the closing delimiter and CRLF,
 * nothing after. Anything else throws {@link IllegalArgumentException} naming where the body went wrong.
 */
public final class ByteRangesBody {

    private static final Pattern MEDIA_TYPE = Pattern.compile(
            "multipart/byteranges\\s*;\\s*boundary=\"?([0-9A-Za-z'()+_,./:=?-]{1,70})\"?", Pattern.CASE_INSENSITIVE);
    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+)");

    /**
     * One part.
     *
     * @param contentType its {@code Content-Type}
     * @param first its first byte in the file
     * @param last its last byte
     * @param size the size of the whole file, as its {@code Content-Range} says
     * @param bytes its bytes
     */
    public record Part(String contentType, long first, long last, long size, byte[] bytes) {}

    private ByteRangesBody() {}

    /** The parts of {@code body}, sent with the response {@code Content-Type} {@code mediaType}. */
    public static List<Part> parse(String mediaType, byte[] body) {
        Matcher type = MEDIA_TYPE.matcher(mediaType.strip());
        if (!type.matches()) {
            throw new IllegalArgumentException(
                    "the Content-Type '" + mediaType + "' is not multipart/byteranges" + " with a boundary");
        }
        byte[] delimiter = ascii("--" + type.group(1));
        List<Part> parts = new ArrayList<>();
        int at = expect(body, 0, delimiter, "the first delimiter");
        while (true) {
            if (startsWith(body, at, ascii("--\r\n"))) {
                at += 4;
                break;
            }
            at = expect(body, at, ascii("\r\n"), "the CRLF after a delimiter");
            String contentType = null;
            String contentRange = null;
            while (!startsWith(body, at, ascii("\r\n"))) {
                int end = indexOf(body, at, ascii("\r\n"));
                if (end < 0) {
                    throw new IllegalArgumentException("a part header at byte " + at + " does not end with CRLF");
                }
                String line = new String(body, at, end - at, StandardCharsets.US_ASCII);
                int colon = line.indexOf(':');
                if (colon < 1) {
                    throw new IllegalArgumentException("the part header line '" + line + "' has no name");
                }
                String name = line.substring(0, colon).toLowerCase(Locale.ROOT);
                String value = line.substring(colon + 1).strip();
                switch (name) {
                    case "content-type" -> contentType = value;
                    case "content-range" -> contentRange = value;
                    default -> throw new IllegalArgumentException("unexpected part header '" + line + "'");
                }
                at = end + 2;
            }
            at += 2;
            if (contentType == null || contentRange == null) {
                throw new IllegalArgumentException("part " + parts.size() + " lacks a Content-Type or a Content-Range");
            }
            Matcher range = CONTENT_RANGE.matcher(contentRange);
            if (!range.matches()) {
                throw new IllegalArgumentException("the Content-Range '" + contentRange + "' is malformed");
            }
            long first = Long.parseLong(range.group(1));
            long last = Long.parseLong(range.group(2));
            int length = Math.toIntExact(last - first + 1);
            if (length < 1 || at + length > body.length) {
                throw new IllegalArgumentException("part " + parts.size() + " announces " + contentRange + " but the"
                        + " body has only " + (body.length - at) + " bytes left");
            }
            parts.add(new Part(
                    contentType,
                    first,
                    last,
                    Long.parseLong(range.group(3)),
                    Arrays.copyOfRange(body, at, at + length)));
            at = expect(body, at + length, ascii("\r\n"), "the CRLF before a delimiter");
            at = expect(body, at, delimiter, "a delimiter after part " + (parts.size() - 1));
        }
        if (at != body.length) {
            throw new IllegalArgumentException(
                    (body.length - at) + " bytes follow the closing delimiter, which ends at byte " + at);
        }
        return parts;
    }

    private static int expect(byte[] body, int at, byte[] expected, String what) {
        if (!startsWith(body, at, expected)) {
            throw new IllegalArgumentException("expected " + what + " at byte " + at + ", found '"
                    + new String(body, at, Math.min(body.length - at, expected.length + 8), StandardCharsets.ISO_8859_1)
                    + "'");
        }
        return at + expected.length;
    }

    private static boolean startsWith(byte[] body, int at, byte[] prefix) {
        return at + prefix.length <= body.length
                && Arrays.equals(body, at, at + prefix.length, prefix, 0, prefix.length);
    }

    private static int indexOf(byte[] body, int from, byte[] needle) {
        for (int i = from; i + needle.length <= body.length; i++) {
            if (startsWith(body, i, needle)) {
                return i;
            }
        }
        return -1;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
