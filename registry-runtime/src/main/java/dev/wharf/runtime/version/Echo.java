package dev.wharf.runtime.version;

import java.util.Locale;

/** Request text fit for an error message: anything outside printable ASCII escaped, long values cut. */
final class Echo {

    private static final int MAX = 200;

    private Echo() {}

    static String printable(String value) {
        StringBuilder out = new StringBuilder();
        value.codePoints().limit(MAX).forEach(cp -> {
            if (cp >= 0x20 && cp < 0x7f) {
                out.appendCodePoint(cp);
            } else {
                out.append(String.format(Locale.ROOT, "\\u%04x", cp));
            }
        });
        if (value.codePointCount(0, value.length()) > MAX) {
            out.append("...");
        }
        return out.toString();
    }
}
