package dev.wharf.operator.registry.dependents;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Names made from a Registry's name that must fit a Kubernetes limit: the name with its suffix when that fits, else the
 * name cut short with a hash of the whole name, so that two long names sharing a prefix still differ.
 */
public final class DerivedNames {

    /** A DNS label: Service names, label values, Job names (their pods carry the name as a label). */
    public static final int LABEL_MAX = 63;

    /**
     * A StatefulSet's name: its controller labels each revision {@code <name>-<hash of up to 10 characters>}, and that
     * label value must fit {@value #LABEL_MAX}.
     */
    public static final int STATEFUL_SET_MAX = LABEL_MAX - 11;

    private static final int HASH_LENGTH = 5;

    private DerivedNames() {}

    /** {@code base + suffix}, or {@code <base cut>-<hash of base> + suffix} when that would exceed {@code max}. */
    public static String fit(String base, String suffix, int max) {
        if (base.length() + suffix.length() <= max) {
            return base + suffix;
        }
        String hash = hash(base);
        String cut = base.substring(0, max - suffix.length() - HASH_LENGTH - 1).replaceAll("-+$", "");
        return cut + "-" + hash + suffix;
    }

    private static String hash(String value) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, HASH_LENGTH);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
