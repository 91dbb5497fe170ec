package dev.wharf.runtime.proxy;

import com.google.common.base.CharMatcher;
import com.google.common.base.Splitter;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * A checksum an immutable object from an upstream must have besides its sha256, as a document of the upstream states
 * it (a Subresource Integrity string, a hex SHA-1): computed while the object is stored, and an object that does not
 * match is neither recorded nor served.
 *
 * @param algorithm the JCA name of the hash, such as {@code SHA-512}
 * @param expected the hash the object must have
 * @param sri whether the value is printed as Subresource Integrity ({@code sha512-<base64>}) rather than hex
 * @param origin what states the value, for messages, such as {@code the packument's dist.integrity}
 */
@SuppressWarnings("ArrayRecordComponent") // never changed after construction; equality is never asked
public record ContentCheck(String algorithm, byte[] expected, boolean sri, String origin) {

    /** Subresource Integrity algorithms, strongest first, and their JCA names. */
    private static final List<String[]> SRI_ALGORITHMS = List.of(
            new String[] {"sha512", "SHA-512"},
            new String[] {"sha384", "SHA-384"},
            new String[] {"sha256", "SHA-256"},
            new String[] {"sha1", "SHA-1"});

    private static final Splitter SPACES = Splitter.on(CharMatcher.whitespace()).omitEmptyStrings();

    public ContentCheck {
        expected = expected.clone();
    }

    /**
     * The strongest hash of a Subresource Integrity value ({@code sha512-<base64>}, several separated by spaces, each
     * maybe with {@code ?options}); null when it names no hash this checks.
     *
     * @throws IllegalArgumentException when the hash it names is not valid base64 of the algorithm's length
     */
    public static @Nullable ContentCheck ofIntegrity(String integrity, String origin) {
        for (String[] algorithm : SRI_ALGORITHMS) {
            for (String part : SPACES.split(integrity.strip())) {
                String prefix = algorithm[0] + "-";
                if (part.toLowerCase(Locale.ROOT).startsWith(prefix)) {
                    String value = part.substring(prefix.length());
                    int options = value.indexOf('?');
                    byte[] hash = decode(options < 0 ? value : value.substring(0, options), origin, integrity);
                    if (hash.length != length(algorithm[1])) {
                        throw new IllegalArgumentException(origin + " '" + integrity + "' is not a " + algorithm[0]
                                + " hash: it has " + hash.length + " bytes");
                    }
                    return new ContentCheck(algorithm[1], hash, true, origin);
                }
            }
        }
        return null;
    }

    /**
     * A hash given in hex, such as npm's {@code dist.shasum}.
     *
     * @throws IllegalArgumentException when {@code hex} is not the algorithm's length in hex
     */
    public static ContentCheck ofHex(String algorithm, String hex, String origin) {
        byte[] hash;
        try {
            hash = HexFormat.of().parseHex(hex.strip().toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(origin + " '" + hex + "' is not hex", e);
        }
        if (hash.length != length(algorithm)) {
            throw new IllegalArgumentException(
                    origin + " '" + hex + "' is not a " + algorithm + " hash: it has " + hash.length + " bytes");
        }
        return new ContentCheck(algorithm, hash, false, origin);
    }

    @Override
    public byte[] expected() {
        return expected.clone();
    }

    /** A new digest of this check's algorithm. */
    MessageDigest digest() {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no " + algorithm, e);
        }
    }

    /** Whether {@code actual} is the expected hash. */
    boolean matches(byte[] actual) {
        return MessageDigest.isEqual(expected, actual);
    }

    /** A hash as this check's origin prints it. */
    String print(byte[] hash) {
        if (!sri) {
            return HexFormat.of().formatHex(hash);
        }
        String name = algorithm.toLowerCase(Locale.ROOT).replace("-", "");
        return name + "-" + Base64.getEncoder().encodeToString(hash);
    }

    private static int length(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm).getDigestLength();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalArgumentException("no hash algorithm " + algorithm, e);
        }
    }

    private static byte[] decode(String base64, String origin, String integrity) {
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(origin + " '" + integrity + "' is not valid base64", e);
        }
    }
}
