package dev.wharf.runtime.config;

import java.util.List;
import java.util.Objects;

/**
 * Which Registries a configuration change added, changed or removed, each list in name order. A Registry changed when
 * its spec, labels, resolved UpstreamProxies or problems changed, or when a Secret manifest it uses changed (mounted
 * Secrets are read on every use, so their rotation needs no change). Policy changes are not Registry changes: compare
 * {@link RuntimeConfiguration#cleanupPolicies()} and {@link RuntimeConfiguration#firewallPolicies()} for those.
 *
 * @param added Registries that are new
 * @param changed Registries that exist in both and differ
 * @param removed Registries that are gone
 */
public record RegistryChanges(List<String> added, List<String> changed, List<String> removed) {

    public RegistryChanges {
        added = List.copyOf(added);
        changed = List.copyOf(changed);
        removed = List.copyOf(removed);
    }

    /** The changes from {@code previous} to {@code current}. */
    public static RegistryChanges between(RuntimeConfiguration previous, RuntimeConfiguration current) {
        List<String> added = current.registries().keySet().stream()
                .filter(name -> !previous.registries().containsKey(name))
                .toList();
        List<String> removed = previous.registries().keySet().stream()
                .filter(name -> !current.registries().containsKey(name))
                .toList();
        List<String> changed = current.registries().values().stream()
                .filter(registry -> previous.registries().containsKey(registry.name()))
                .filter(registry -> differs(previous, current, registry))
                .map(ConfiguredRegistry::name)
                .toList();
        return new RegistryChanges(added, changed, removed);
    }

    /** Whether nothing was added, changed or removed. */
    public boolean isEmpty() {
        return added.isEmpty() && changed.isEmpty() && removed.isEmpty();
    }

    private static boolean differs(
            RuntimeConfiguration previous, RuntimeConfiguration current, ConfiguredRegistry registry) {
        if (!registry.equals(previous.registries().get(registry.name()))) {
            return true;
        }
        return registry.secretNames().stream()
                .anyMatch(secret -> !Objects.equals(
                        previous.manifestSecrets().manifest(secret),
                        current.manifestSecrets().manifest(secret)));
    }
}
