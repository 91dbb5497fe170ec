package dev.wharf.runtime.oci;

import dev.wharf.runtime.metadata.SharedKeys;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.jspecify.annotations.Nullable;

/**
 * The key that signs the docker token endpoint's tokens: {@code wharf.oci.token-key} (base64) when it is set, else a
 * random key kept in the metadata database, which every replica of the registry shares; so a token one replica issued
 * is accepted by the others, and by the same replica after a restart.
 */
final class TokenSigningKey {

    /** The key's name among the {@link SharedKeys}. */
    static final String SHARED_NAME = "oci-token-key";

    private static final int LENGTH = 32;
    private static final Duration WAIT = Duration.ofSeconds(30);

    private TokenSigningKey() {}

    static byte[] resolve(@Nullable String configured, SharedKeys shared) {
        if (configured != null && !configured.isBlank()) {
            try {
                return Base64.getDecoder().decode(configured.strip().getBytes(StandardCharsets.US_ASCII));
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(OciBeans.TOKEN_KEY_PROPERTY + " is not valid base64", e);
            }
        }
        byte[] key = shared.getOrCreate(SHARED_NAME, LENGTH).block(WAIT);
        if (key == null) {
            throw new IllegalStateException("the metadata database returned no docker token signing key");
        }
        return key;
    }
}
