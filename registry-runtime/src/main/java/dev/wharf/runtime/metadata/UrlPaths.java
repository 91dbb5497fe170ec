package dev.wharf.runtime.metadata;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Percent-encoding of file paths in URLs, which {@link java.net.URLEncoder} does not do (it writes forms). */
final class UrlPaths {

    private UrlPaths() {}

    /** Percent-encodes what a URL path cannot hold as is (a space, {@code %}, {@code #}, {@code ?}, non-ASCII). */
    static String encode(String path) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~/".indexOf(c) >= 0) {
                encoded.append(c);
            } else {
                encoded.append('%').append(String.format(Locale.ROOT, "%02X", b & 0xff));
            }
        }
        return encoded.toString();
    }

    /** Decodes percent-escapes ({@code %20}); a {@code +} stays a plus, as in any URL path. */
    static String decode(String path) {
        StringBuilder decoded = new StringBuilder();
        ByteArrayOutputStream escaped = new ByteArrayOutputStream();
        int i = 0;
        while (i < path.length()) {
            if (path.charAt(i) != '%') {
                decoded.append(escaped.toString(StandardCharsets.UTF_8)).append(path.charAt(i));
                escaped.reset();
                i++;
                continue;
            }
            int high = i + 1 < path.length() ? Character.digit(path.charAt(i + 1), 16) : -1;
            int low = i + 2 < path.length() ? Character.digit(path.charAt(i + 2), 16) : -1;
            if (high < 0 || low < 0) {
                throw new IllegalArgumentException("the H2 database path in wharf.database.url holds a '%' that is not"
                        + " a percent-escape; write %25 for a '%' and %20 for a space");
            }
            escaped.write(high * 16 + low);
            i += 3;
        }
        return decoded.append(escaped.toString(StandardCharsets.UTF_8)).toString();
    }
}
