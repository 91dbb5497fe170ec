package dev.wharf.runtime.npm;

import com.google.common.base.CharMatcher;
import com.google.common.base.Splitter;
import dev.wharf.runtime.proxy.ContentCheck;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.buffer.DataBuffer;

/**
 * What an upstream tarball must hash to, as its packument states it: the strongest hash of {@code dist.integrity} (a
 * Subresource Integrity value, {@code sha512-<base64>}), else {@code dist.shasum} (hex SHA-1). The value comes with the
 * packument, so no companion document is asked for.
 *
 * @param algorithm the JCA name of the hash, such as {@code SHA-512}
 * @param expected the hash the tarball must have
 * @param sri whether the value is printed as Subresource Integrity rather than hex
 * @param origin what states the value, for messages, such as {@code the packument's dist.integrity}
 */
@SuppressWarnings("ArrayRecordComponent") // never changed after construction; equality is never asked
record TarballIntegrity(String algorithm, byte[] expected, boolean sri, String origin) implements ContentCheck {

    /** Subresource Integrity algorithms, strongest first, with their JCA names. */
    private static final List<List<String>> SRI_ALGORITHMS = List.of(
            List.of("sha512", "SHA-512"),
            List.of("sha384", "SHA-384"),
            List.of("sha256", "SHA-256"),
            List.of("sha1", "SHA-1"));

    private static final Splitter SPACES = Splitter.on(CharMatcher.whitespace()).omitEmptyStrings();

    TarballIntegrity {
        expected = expected.clone();
    }

    /**
     * The check of the packument's {@code dist.integrity}, else its {@code dist.shasum}; null when it gives neither in
     * a form this knows.
     *
     * @throws IllegalArgumentException when the value it gives is malformed
     */
    static @Nullable TarballIntegrity of(@Nullable String integrity, @Nullable String shasum) {
        TarballIntegrity check = integrity == null ? null : ofIntegrity(integrity, "the packument's dist.integrity");
        if (check == null && shasum != null) {
            check = ofHex("SHA-1", shasum, "the packument's dist.shasum");
        }
        return check;
    }

    /**
     * The strongest hash of a Subresource Integrity value (several may be given, separated by spaces, each maybe with
     * {@code ?options}); null when it names none this knows.
     *
     * @throws IllegalArgumentException when the hash it names is not base64 of the algorithm's length
     */
    static @Nullable TarballIntegrity ofIntegrity(String integrity, String origin) {
        for (List<String> algorithm : SRI_ALGORITHMS) {
            String prefix = algorithm.get(0) + "-";
            for (String part : SPACES.split(integrity)) {
                if (part.toLowerCase(Locale.ROOT).startsWith(prefix)) {
                    String value = part.substring(prefix.length());
                    int options = value.indexOf('?');
                    byte[] hash = decode(options < 0 ? value : value.substring(0, options), origin, integrity);
                    if (hash.length != length(algorithm.get(1))) {
                        throw new IllegalArgumentException(origin + " '" + integrity + "' is not a " + algorithm.get(0)
                                + " hash: it has " + hash.length + " bytes");
                    }
                    return new TarballIntegrity(algorithm.get(1), hash, true, origin);
                }
            }
        }
        return null;
    }

    /**
     * A hash given in hex.
     *
     * @throws IllegalArgumentException when {@code hex} is not the algorithm's length in hex
     */
    static TarballIntegrity ofHex(String algorithm, String hex, String origin) {
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
        return new TarballIntegrity(algorithm, hash, false, origin);
    }

    @Override
    public byte[] expected() {
        return expected.clone();
    }

    @Override
    public List<String> companions(String path) {
        return List.of();
    }

    @Override
    public Running start() {
        MessageDigest digest = digest(algorithm);
        return new Running() {
            @Override
            public void update(DataBuffer buffer) {
                try (DataBuffer.ByteBufferIterator buffers = buffer.readableByteBuffers()) {
                    buffers.forEachRemaining(digest::update);
                }
            }

            @Override
            public @Nullable String mismatch() {
                byte[] actual = digest.digest();
                return MessageDigest.isEqual(actual, expected)
                        ? null
                        : "have " + print(actual) + ", but " + origin + " is " + print(expected);
            }

            @Override
            public @Nullable String mismatch(String companion, byte[] document) {
                return null;
            }
        };
    }

    /** A hash as this check's origin prints it. */
    String print(byte[] hash) {
        if (!sri) {
            return HexFormat.of().formatHex(hash);
        }
        return algorithm.toLowerCase(Locale.ROOT).replace("-", "") + "-"
                + Base64.getEncoder().encodeToString(hash);
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalArgumentException("no hash algorithm " + algorithm, e);
        }
    }

    private static int length(String algorithm) {
        return digest(algorithm).getDigestLength();
    }

    private static byte[] decode(String base64, String origin, String integrity) {
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(origin + " '" + integrity + "' is not valid base64", e);
        }
    }
}
