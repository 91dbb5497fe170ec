package dev.wharf.operator.references;

import java.util.List;

/**
 * A Secret a Registry's runtime reads, and where it is named.
 *
 * @param name the Secret's name, in the Registry's namespace
 * @param field the field naming it, such as {@code spec.storage.s3.credentialsSecret}, for messages
 * @param requiredKeys the keys the runtime reads from it; empty when any key will do
 */
public record SecretReference(String name, String field, List<String> requiredKeys) {

    public SecretReference {
        requiredKeys = List.copyOf(requiredKeys);
    }
}
