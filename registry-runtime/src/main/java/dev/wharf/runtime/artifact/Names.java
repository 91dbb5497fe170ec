package dev.wharf.runtime.artifact;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Checks the names and paths that requests carry before they reach metadata or storage: no traversal ({@code .},
 * {@code ..}, encoded or not), no absolute paths, no backslashes, no NUL or other control characters, bounded
 * lengths. The checks work on decoded path segments, so {@code %2e%2e} and {@code %2F} are caught too.
 */
public final class Names {

    /** Longest package name. */
    public static final int PACKAGE_MAX = 255;

    /** Longest version string. */
    public static final int VERSION_MAX = 128;

    /** Longest file path inside a version. */
    public static final int FILE_PATH_MAX = 1024;

    private static final Pattern SEGMENT = Pattern.compile("^[A-Za-z0-9_@+~=,-][A-Za-z0-9._@+~=,-]*$");
    private static final Pattern VERSION = Pattern.compile("^[A-Za-z0-9_+][A-Za-z0-9._+~-]*$");

    private Names() {}

    /** A package name made of one segment, such as {@code my-app}. */
    public static String packageName(String name) {
        return segment("package name", name, PACKAGE_MAX);
    }

    /** A version such as {@code 1.2.3}, {@code 1.0.0-rc.1+build.5} or {@code 2024-05-01}. */
    public static String version(String version) {
        rejectUnsafe("version", version, VERSION_MAX);
        if (!VERSION.matcher(version).matches()) {
            throw new InvalidNameException("the version '" + printable(version)
                    + "' may only hold letters, digits and . _ + ~ - and must start with a letter, digit, _ or +");
        }
        return version;
    }

    /** A relative file path of one or more segments, such as {@code linux/amd64/app.tar.gz}, joined by '/'. */
    public static String filePath(List<String> segments) {
        if (segments.isEmpty()) {
            throw new InvalidNameException("the file path is empty: name the file after the version");
        }
        int length = segments.size() - 1;
        for (String segment : segments) {
            segment("file path segment", segment, FILE_PATH_MAX);
            length += segment.length();
        }
        if (length > FILE_PATH_MAX) {
            throw new InvalidNameException(
                    "the file path is " + length + " characters long; the limit is " + FILE_PATH_MAX);
        }
        return String.join("/", segments);
    }

    private static String segment(String what, String value, int max) {
        rejectUnsafe(what, value, max);
        if (value.equals(".") || value.equals("..")) {
            throw new InvalidNameException("the " + what + " '" + value + "' is a relative path reference");
        }
        if (!SEGMENT.matcher(value).matches()) {
            throw new InvalidNameException("the " + what + " '" + printable(value)
                    + "' may only hold letters, digits and . _ @ + ~ = , - and must not start with '.'");
        }
        return value;
    }

    private static void rejectUnsafe(String what, String value, int max) {
        if (value.isEmpty()) {
            throw new InvalidNameException("the " + what + " is empty");
        }
        if (value.length() > max) {
            throw new InvalidNameException(
                    "the " + what + " is " + value.length() + " characters long; the limit is " + max);
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                throw new InvalidNameException("the " + what + " contains a control character (code " + (int) c + ")");
            }
            if (c == '/' || c == '\\') {
                throw new InvalidNameException("the " + what + " '" + printable(value) + "' contains '" + c
                        + "': an encoded path separator is not allowed");
            }
        }
    }

    /** The value with anything outside printable ASCII escaped, so messages cannot be used to forge log lines. */
    private static String printable(String value) {
        StringBuilder out = new StringBuilder();
        value.codePoints().limit(200).forEach(cp -> {
            if (cp >= 0x20 && cp < 0x7f) {
                out.appendCodePoint(cp);
            } else {
                out.append(String.format(Locale.ROOT, "\\u%04x", cp));
            }
        });
        return out.toString();
    }
}
