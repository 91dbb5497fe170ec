package dev.wharf.runtime.config;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The Secrets given as {@code v1 Secret} manifests in the configuration directory, as local mode keeps them. */
final class ManifestSecrets implements SecretResolver {

    private final Map<String, SecretManifest> byName;

    ManifestSecrets(Map<String, SecretManifest> byName) {
        this.byName = Map.copyOf(byName);
    }

    @Override
    public Optional<String> resolve(String secretName, String key) {
        SecretManifest secret = byName.get(secretName);
        return secret == null ? Optional.empty() : secret.value(key);
    }

    @Override
    public boolean exists(String secretName) {
        return byName.containsKey(secretName);
    }

    /** The manifest of {@code secretName}, to tell whether a Secret changed between two configurations. */
    Optional<SecretManifest> manifest(String secretName) {
        return Optional.ofNullable(byName.get(secretName));
    }

    @Override
    public String describe() {
        return "v1 Secret manifests in the configuration directory";
    }

    @Override
    public String toString() {
        return "ManifestSecrets" + new TreeMap<>(byName).values();
    }
}
