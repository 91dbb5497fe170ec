package dev.wharf.runtime.config;

import java.util.List;
import java.util.Optional;

/**
 * Explains a reference that does not resolve: a resource that does not exist or was refused, or a Secret that is
 * missing or lacks a key. Messages name the Secret and its keys, never a value.
 */
final class MissingReferences {

    private final List<ManifestLocation> refused;
    private final SecretResolver secrets;

    /**
     * @param refused the documents refused, to say "is invalid" rather than "does not exist"
     * @param secrets where Secrets are looked up
     */
    MissingReferences(List<ManifestLocation> refused, SecretResolver secrets) {
        this.refused = List.copyOf(refused);
        this.secrets = secrets;
    }

    /** {@code " does not exist"}, or why the document that defines it was not loaded. */
    String whyMissing(String kind, String name) {
        return refused.stream()
                .filter(location -> kind.equals(location.kind()) && name.equals(location.name()))
                .findFirst()
                .map(location -> " is not loaded: its manifest " + location + " is invalid")
                .orElse(" does not exist");
    }

    /** Why Secret {@code secret}, named by {@code field}, cannot be used; empty when it exists with every key. */
    Optional<String> secretProblem(String secret, String field, List<String> keys) {
        if (!secrets.exists(secret)) {
            return Optional.of(field + ": Secret " + secret + " does not exist; looked in " + secrets.describe());
        }
        List<String> absent = keys.stream()
                .filter(key -> secrets.resolve(secret, key).isEmpty())
                .toList();
        if (!absent.isEmpty()) {
            return Optional.of(field + ": Secret " + secret + " has no key " + String.join(", ", absent) + "; it needs "
                    + String.join(", ", keys));
        }
        return Optional.empty();
    }
}
