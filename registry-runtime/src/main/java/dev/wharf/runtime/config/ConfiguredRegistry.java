package dev.wharf.runtime.config;

import dev.wharf.api.v1alpha1.common.Format;
import dev.wharf.api.v1alpha1.registry.RegistrySpec;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Registry as loaded, with its UpstreamProxies resolved in the order it lists them, and the problems that stop it
 * from serving. A Registry with problems (an UpstreamProxy or a Secret it names is missing) is still loaded, so that
 * its routes can answer 503 with the reason instead of 404.
 *
 * @param name the Registry's {@code metadata.name}, the name in its URLs
 * @param labels its {@code metadata.labels}, which CleanupPolicy selectors match
 * @param spec its spec, validated; read it, never change it
 * @param upstreamProxies the UpstreamProxies it names that exist and speak its format, in its order
 * @param secretNames the Secrets it uses, its own and its UpstreamProxies' credentials
 * @param problems why it cannot serve, in words a person can act on; empty when it is ready
 */
public record ConfiguredRegistry(
        String name,
        Map<String, String> labels,
        RegistrySpec spec,
        List<ConfiguredUpstreamProxy> upstreamProxies,
        Set<String> secretNames,
        List<String> problems) {

    public ConfiguredRegistry {
        labels = Map.copyOf(labels);
        upstreamProxies = List.copyOf(upstreamProxies);
        secretNames = Set.copyOf(secretNames);
        problems = List.copyOf(problems);
    }

    /** The package format it serves. */
    public Format format() {
        return spec.format();
    }

    /** Whether it can serve: nothing it depends on is missing. */
    public boolean ready() {
        return problems.isEmpty();
    }
}
