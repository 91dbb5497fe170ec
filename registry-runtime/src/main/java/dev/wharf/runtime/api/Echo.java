package dev.wharf.runtime.api;

/** Request text quoted in an error message: printable ASCII only and cut short, so it cannot forge log lines. */
final class Echo {

    private static final int MAX = 80;

    private Echo() {}

    /** The value with every character outside printable ASCII replaced by {@code ?}, cut at 80 characters. */
    static String printable(String value) {
        StringBuilder out = new StringBuilder();
        value.codePoints().limit(MAX).forEach(cp -> out.appendCodePoint(cp >= 0x20 && cp < 0x7f ? cp : '?'));
        return value.codePoints().count() > MAX ? out + "..." : out.toString();
    }
}
