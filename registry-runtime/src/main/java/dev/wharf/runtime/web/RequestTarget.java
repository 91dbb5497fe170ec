package dev.wharf.runtime.web;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * The request target (path and query) as the client sent it: whether it is a valid URL, which the server must parse
 * before any route runs, and how to quote it in an error safely.
 */
public final class RequestTarget {

    private static final int MAX_ECHO = 120;
    private static final String BASE = "http://localhost";
    private static final String HEX = "0123456789ABCDEF";
    // RFC 3986's unreserved and sub-delims characters, and ':', '@', '/' and '?': valid anywhere in a path or query.
    private static final String PLAIN_PUNCTUATION = "-._~!$&'()*+,;=:@/?";

    private final String raw;

    public RequestTarget(String raw) {
        this.raw = raw;
    }

    /** The path, without the query. */
    public String path() {
        int query = raw.indexOf('?');
        return query < 0 ? raw : raw.substring(0, query);
    }

    /** Why the target is not a valid URL, naming the offending character, or empty when it is valid. */
    public Optional<String> problem() {
        if (plainlyValid()) {
            return Optional.empty();
        }
        try {
            // As the server parses it before any route runs: appended to the scheme and host.
            new URI(BASE + raw);
            return Optional.empty();
        } catch (URISyntaxException e) {
            int index = e.getIndex() - BASE.length();
            String at = index >= 0 && index < raw.length()
                    ? " '" + printable(raw.substring(index, index + 1)) + "' at index " + index
                    : "";
            return Optional.of("the request path " + printable(raw) + " is not a valid URL (" + reason(e) + at
                    + "); percent-encode such characters in the URL, a backslash as %5C and a percent sign as %25");
        }
    }

    /**
     * Whether the target is an absolute path of characters a URI path or query always takes, and well-formed percent
     * escapes: true of almost every request, and found without parsing it as a URI.
     */
    private boolean plainlyValid() {
        if (raw.isEmpty() || raw.charAt(0) != '/') {
            return false;
        }
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            boolean plain = (c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || PLAIN_PUNCTUATION.indexOf(c) >= 0;
            if (c == '%') {
                if (i + 2 >= raw.length() || !hexDigit(raw.charAt(i + 1)) || !hexDigit(raw.charAt(i + 2))) {
                    return false;
                }
                i += 2;
            } else if (!plain) {
                return false;
            }
        }
        return true;
    }

    /** The target as a valid URI reference, for a problem's {@code instance}: characters a URI cannot hold encoded. */
    public String encoded() {
        StringBuilder out = new StringBuilder();
        byte[] bytes = path().getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xff;
            boolean escape = b == '%' && !(i + 2 < bytes.length && hex(bytes[i + 1]) && hex(bytes[i + 2]));
            if (!escape && b > 0x20 && b < 0x7f && "\\\"<>^`{|}".indexOf(b) < 0) {
                out.append((char) b);
            } else {
                out.append('%').append(HEX.charAt(b >> 4)).append(HEX.charAt(b & 0xf));
            }
        }
        return out.toString();
    }

    /** {@code value} with every character outside printable ASCII replaced by {@code ?}, cut short. */
    public static String printable(String value) {
        StringBuilder out = new StringBuilder();
        value.codePoints().limit(MAX_ECHO).forEach(cp -> out.appendCodePoint(cp >= 0x20 && cp < 0x7f ? cp : '?'));
        return value.codePoints().count() > MAX_ECHO ? out + "..." : out.toString();
    }

    private static String reason(URISyntaxException e) {
        return e.getReason().toLowerCase(Locale.ROOT);
    }

    private static boolean hexDigit(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static boolean hex(byte b) {
        return HEX.indexOf(Character.toUpperCase((char) b)) >= 0;
    }
}
