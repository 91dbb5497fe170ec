package dev.wharf.runtime.storage;

import java.util.HexFormat;
import java.util.Locale;

/**
 * The address of a blob: the sha256 of its content, written {@code sha256:<64 lower-case hex digits>}.
 *
 * <p>Every storage path and key is built from a {@code Digest}, never from request text, so a value of this type is
 * always safe to put in a path.
 *
 * @param algorithm always {@value #SHA256}
 * @param hex the 64 lower-case hex digits of the hash
 */
public record Digest(String algorithm, String hex) {

    /** The only algorithm supported. */
    public static final String SHA256 = "sha256";

    private static final int HEX_LENGTH = 64;
    private static final int ECHO_MAX = 80;

    /** Checks both parts; throws {@link IllegalArgumentException} saying what is wrong. */
    public Digest {
        if (!SHA256.equals(algorithm)) {
            throw new IllegalArgumentException(
                    "the digest algorithm '" + printable(algorithm) + "' is not supported; only sha256 is");
        }
        if (hex.length() != HEX_LENGTH) {
            throw new IllegalArgumentException(
                    "the sha256 digest has " + hex.length() + " hex digits; it needs " + HEX_LENGTH);
        }
        for (int i = 0; i < hex.length(); i++) {
            char c = hex.charAt(i);
            if (!(c >= '0' && c <= '9') && !(c >= 'a' && c <= 'f')) {
                throw new IllegalArgumentException("the sha256 digest holds '" + printable(String.valueOf(c))
                        + "' at position " + i + "; only lower-case hex digits 0-9 and a-f are allowed");
            }
        }
    }

    /** Parses {@code sha256:<64 lower-case hex digits>}, the form of OCI, npm's integrity aside, and this API. */
    public static Digest parse(String value) {
        if (value.isEmpty()) {
            throw new IllegalArgumentException("the digest is empty; expected sha256:<64 lower-case hex digits>");
        }
        int colon = value.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("the digest '" + printable(value)
                    + "' has no algorithm; expected sha256:<64 lower-case hex digits>");
        }
        return new Digest(value.substring(0, colon), value.substring(colon + 1));
    }

    /** The digest of a computed sha256 hash. */
    public static Digest sha256(byte[] hash) {
        if (hash.length != HEX_LENGTH / 2) {
            throw new IllegalArgumentException("a sha256 hash has 32 bytes, not " + hash.length);
        }
        return new Digest(SHA256, HexFormat.of().formatHex(hash));
    }

    /** {@code sha256:<hex>}. */
    @Override
    public String toString() {
        return algorithm + ":" + hex;
    }

    /** Echoes request text in a message: control characters escaped, long values cut. */
    static String printable(String value) {
        StringBuilder out = new StringBuilder();
        int end = Math.min(value.length(), ECHO_MAX);
        for (int i = 0; i < end; i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c)) {
                out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return end < value.length() ? out + "..." : out.toString();
    }
}
