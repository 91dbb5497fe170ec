package dev.wharf.runtime.config;

import dev.wharf.api.v1alpha1.cleanup.CleanupPolicySpec;
import dev.wharf.api.v1alpha1.common.LabelSelector;
import dev.wharf.api.v1alpha1.firewall.Advisories;
import dev.wharf.api.v1alpha1.firewall.FirewallPolicySpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Resolves which loaded Registries and UpstreamProxies each policy applies to. A name that does not resolve is a
 * problem of the policy; the policy is still loaded and applies to the targets that do exist.
 */
final class PolicyTargets {

    private final Map<String, ConfiguredRegistry> registries;
    private final Map<String, ConfiguredUpstreamProxy> proxies;
    private final MissingReferences missing;

    PolicyTargets(
            Map<String, ConfiguredRegistry> registries,
            Map<String, ConfiguredUpstreamProxy> proxies,
            MissingReferences missing) {
        this.registries = registries;
        this.proxies = proxies;
        this.missing = missing;
    }

    /** The CleanupPolicy with the names of the Registries it selects, by name or by label selector, sorted. */
    ConfiguredCleanupPolicy cleanup(String name, CleanupPolicySpec spec, Consumer<String> problems) {
        List<String> selected = new ArrayList<>();
        List<String> named = spec.registries();
        if (named != null) {
            selected.addAll(existing("Registry", "spec.registries", named, registries, problems));
        }
        LabelSelector selector = spec.registrySelector();
        if (selector != null) {
            registries.values().stream()
                    .filter(registry -> LabelSelectorMatcher.matches(selector, registry.labels()))
                    .map(ConfiguredRegistry::name)
                    .forEach(selected::add);
        }
        return new ConfiguredCleanupPolicy(
                name, spec, selected.stream().distinct().sorted().toList());
    }

    /** The FirewallPolicy with its targets that exist, and the Secret of its advisory source checked. */
    ConfiguredFirewallPolicy firewall(String name, FirewallPolicySpec spec, Consumer<String> problems) {
        List<String> targetProxies = spec.targets().upstreamProxies();
        List<String> targetRegistries = spec.targets().registries();
        Advisories advisories = spec.advisories();
        String credentials = advisories == null ? null : advisories.source().credentialsSecret();
        if (credentials != null) {
            missing.secretProblem(credentials, "spec.advisories.source.credentialsSecret", List.of())
                    .ifPresent(problems);
        }
        return new ConfiguredFirewallPolicy(
                name,
                spec,
                existing(
                        "UpstreamProxy",
                        "spec.targets.upstreamProxies",
                        targetProxies == null ? List.of() : targetProxies,
                        proxies,
                        problems),
                existing(
                        "Registry",
                        "spec.targets.registries",
                        targetRegistries == null ? List.of() : targetRegistries,
                        registries,
                        problems));
    }

    private List<String> existing(
            String kind, String field, List<String> names, Map<String, ?> loaded, Consumer<String> problems) {
        List<String> found = new ArrayList<>();
        for (String name : names) {
            if (loaded.containsKey(name)) {
                found.add(name);
            } else {
                problems.accept(field + ": " + kind + " " + name + missing.whyMissing(kind, name));
            }
        }
        return found;
    }
}
