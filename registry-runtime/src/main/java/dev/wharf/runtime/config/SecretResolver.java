package dev.wharf.runtime.config;

import java.util.Optional;

/**
 * Looks up Secret values by Secret name and key. In local mode they come from {@code v1 Secret} manifests in the
 * configuration directory; in a cluster from Secrets mounted as {@code <dir>/<secretName>/<key>}, read on every call
 * so that a rotated Secret is seen. Implementations never show a value in {@code toString()}.
 */
public interface SecretResolver {

    /** The value of {@code key} in Secret {@code secretName}; empty when the Secret or the key does not exist. */
    Optional<String> resolve(String secretName, String key);

    /** Whether Secret {@code secretName} exists, whatever keys it has. */
    boolean exists(String secretName);

    /** Where Secrets are looked up, for messages such as "Secret x does not exist: ..."; never a value. */
    String describe();
}
