package dev.wharf.runtime.maven;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/** The checksums a Maven repository serves beside every file, as {@code <file>.<extension>}. */
enum ChecksumAlgorithm {
    MD5("md5", "MD5", 32),
    SHA1("sha1", "SHA-1", 40),
    SHA256("sha256", "SHA-256", 64),
    SHA512("sha512", "SHA-512", 128);

    private final String extension;
    private final String javaName;
    private final int hexLength;

    ChecksumAlgorithm(String extension, String javaName, int hexLength) {
        this.extension = extension;
        this.javaName = javaName;
        this.hexLength = hexLength;
    }

    /** The file extension, without the dot: {@code sha1}. */
    String extension() {
        return extension;
    }

    /** The algorithm whose extension ends {@code fileName}, such as {@code app-1.0.jar.sha1}. */
    static Optional<ChecksumAlgorithm> ofFileName(String fileName) {
        for (ChecksumAlgorithm algorithm : values()) {
            if (fileName.endsWith("." + algorithm.extension)) {
                return Optional.of(algorithm);
            }
        }
        return Optional.empty();
    }

    /** A new digest computing this checksum. */
    MessageDigest digest() {
        try {
            return MessageDigest.getInstance(javaName);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no " + javaName, e);
        }
    }

    /** The checksum of {@code bytes} in lower-case hex. */
    String of(byte[] bytes) {
        return HexFormat.of().formatHex(digest().digest(bytes));
    }

    /**
     * The hex checksum a client uploaded: the first word of the file, lower-cased ({@code sha1sum} writes the file name
     * after it); empty when it is not {@link #hexLength} hex digits.
     */
    Optional<String> parseUploaded(String content) {
        String trimmed = content.strip();
        int space = trimmed.indexOf(' ');
        String word = (space < 0 ? trimmed : trimmed.substring(0, space)).toLowerCase(Locale.ROOT);
        if (word.length() != hexLength || !word.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            return Optional.empty();
        }
        return Optional.of(word);
    }

    /** How many hex digits a checksum of this algorithm has. */
    int hexLength() {
        return hexLength;
    }
}
