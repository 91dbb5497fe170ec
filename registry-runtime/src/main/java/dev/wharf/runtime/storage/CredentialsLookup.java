package dev.wharf.runtime.storage;

import java.util.Optional;

/** Reads one key of a Secret a Registry references, such as its S3 credentials; implemented where Secrets are read. */
@FunctionalInterface
public interface CredentialsLookup {

    /**
     * The value of {@code key} in the Secret {@code secretName}.
     *
     * @return empty when the Secret or the key is missing
     */
    Optional<String> lookup(String secretName, String key);
}
