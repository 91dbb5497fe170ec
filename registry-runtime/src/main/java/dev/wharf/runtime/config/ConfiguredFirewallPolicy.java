package dev.wharf.runtime.config;

import dev.wharf.api.v1alpha1.firewall.FirewallPolicySpec;
import java.util.List;

/**
 * A FirewallPolicy as loaded, with its targets resolved to the UpstreamProxies and Registries that exist.
 *
 * @param name the FirewallPolicy's {@code metadata.name}
 * @param spec its spec, validated; read it, never change it
 * @param upstreamProxies the loaded UpstreamProxies it targets, in its order
 * @param registries the loaded Registries it targets, in its order
 */
public record ConfiguredFirewallPolicy(
        String name, FirewallPolicySpec spec, List<String> upstreamProxies, List<String> registries) {

    public ConfiguredFirewallPolicy {
        upstreamProxies = List.copyOf(upstreamProxies);
        registries = List.copyOf(registries);
    }

    /** Whether it guards what enters {@code registry}: it targets the Registry or one of its UpstreamProxies. */
    public boolean appliesTo(ConfiguredRegistry registry) {
        return registries.contains(registry.name())
                || registry.upstreamProxies().stream().anyMatch(proxy -> upstreamProxies.contains(proxy.name()));
    }
}
