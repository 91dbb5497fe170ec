package dev.wharf.runtime.config;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** Secrets looked up in several places in order, the first that has the Secret answering. */
final class LayeredSecrets implements SecretResolver {

    private final List<SecretResolver> layers;

    LayeredSecrets(List<SecretResolver> layers) {
        this.layers = List.copyOf(layers);
    }

    /** Whole Secrets are not merged: the first layer that has {@code secretName} gives all its keys. */
    @Override
    public Optional<String> resolve(String secretName, String key) {
        for (SecretResolver layer : layers) {
            if (layer.exists(secretName)) {
                return layer.resolve(secretName, key);
            }
        }
        return Optional.empty();
    }

    @Override
    public boolean exists(String secretName) {
        return layers.stream().anyMatch(layer -> layer.exists(secretName));
    }

    @Override
    public String describe() {
        return layers.stream().map(SecretResolver::describe).collect(Collectors.joining(", or "));
    }

    @Override
    public String toString() {
        return "LayeredSecrets" + layers;
    }
}
