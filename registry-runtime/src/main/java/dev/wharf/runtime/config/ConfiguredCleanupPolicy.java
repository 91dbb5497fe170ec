package dev.wharf.runtime.config;

import dev.wharf.api.v1alpha1.cleanup.CleanupPolicySpec;
import java.util.List;

/**
 * A CleanupPolicy as loaded, with the Registries it selects (by name or by label selector) resolved.
 *
 * @param name the CleanupPolicy's {@code metadata.name}
 * @param spec its spec, validated; read it, never change it
 * @param registries the names of the loaded Registries it selects, sorted
 */
public record ConfiguredCleanupPolicy(String name, CleanupPolicySpec spec, List<String> registries) {

    public ConfiguredCleanupPolicy {
        registries = List.copyOf(registries);
    }
}
