package dev.wharf.runtime.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * API tokens the runtime issues: {@code wharf_} followed by 32 random bytes in URL-safe base64. Only the sha256 of a
 * token is stored; the token itself is shown once, when it is issued.
 */
public final class ApiTokens {

    /** Every token starts with this, so a token pasted where a password goes is recognised. */
    public static final String PREFIX = "wharf_";

    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiTokens() {}

    /** A new random token. */
    public static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Whether {@code credential} has the shape of a Wharf token. */
    public static boolean looksLikeToken(String credential) {
        return credential.startsWith(PREFIX) && credential.length() == PREFIX.length() + 43;
    }

    /** The lower-case hex sha256 stored in place of the token. */
    public static String hash(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
