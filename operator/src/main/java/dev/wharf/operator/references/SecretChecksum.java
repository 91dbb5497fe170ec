package dev.wharf.operator.references;

import io.fabric8.kubernetes.api.model.Secret;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A SHA-256 over the referenced Secrets' names, keys and values, put on the pod template so that the pods roll when a
 * credential changes. Only the digest leaves this class; a missing Secret hashes differently from an empty one.
 */
public final class SecretChecksum {

    private SecretChecksum() {}

    /** {@code sha256:<hex>} of the Secrets named, each hashed as it is now (or as absent). */
    public static String of(List<String> names, Map<String, Secret> secrets) {
        MessageDigest digest = sha256();
        for (String name : names.stream().sorted().distinct().toList()) {
            update(digest, "secret");
            update(digest, name);
            Secret secret = secrets.get(name);
            if (secret == null) {
                update(digest, "absent");
                continue;
            }
            // The API server merges stringData into data; a Secret read back never has both, but be exact anyway.
            Map<String, String> values = new TreeMap<>();
            if (secret.getData() != null) {
                values.putAll(secret.getData());
            }
            if (secret.getStringData() != null) {
                secret.getStringData().forEach((key, value) -> values.put(key, "string:" + value));
            }
            values.forEach((key, value) -> {
                update(digest, key);
                update(digest, value);
            });
        }
        return "sha256:" + HexFormat.of().formatHex(digest.digest());
    }

    private static void update(MessageDigest digest, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        // The length first, so that ("ab", "c") and ("a", "bc") hash differently.
        digest.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
        digest.update((byte) ':');
        digest.update(bytes);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
