package dev.wharf.runtime.config;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/** A {@code v1 Secret} read from a manifest: its name and decoded values. Shows its keys, never its values. */
final class SecretManifest {

    private final String name;
    private final Map<String, String> values;

    SecretManifest(String name, Map<String, String> values) {
        this.name = name;
        this.values = Map.copyOf(values);
    }

    String name() {
        return name;
    }

    Optional<String> value(String key) {
        return Optional.ofNullable(values.get(key));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SecretManifest secret && name.equals(secret.name) && values.equals(secret.values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, values);
    }

    @Override
    public String toString() {
        return "Secret " + name + " with keys " + new TreeMap<>(values).keySet();
    }
}
