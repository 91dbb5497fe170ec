package dev.wharf.runtime.robustness;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Random;

/** Upload content for the robustness tests: bytes that differ per name, and their sha256. */
final class TestBytes {

    private TestBytes() {}

    /** {@code size} pseudo-random bytes, the same for the same name. */
    static byte[] of(String name, int size) {
        byte[] content = new byte[size];
        new Random(name.hashCode()).nextBytes(content);
        return content;
    }

    /** The sha256 of the content in hex. */
    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
