package dev.wharf.operator.references;

import dev.wharf.api.v1alpha1.cleanup.CleanupPolicy;
import dev.wharf.api.v1alpha1.cleanup.CleanupPolicySpec;
import dev.wharf.api.v1alpha1.common.LabelSelector;
import dev.wharf.api.v1alpha1.firewall.FirewallPolicy;
import dev.wharf.api.v1alpha1.firewall.Targets;
import dev.wharf.api.v1alpha1.registry.Registry;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Which Registries a CleanupPolicy or FirewallPolicy applies to; policies only apply in their own namespace. */
public final class PolicySelection {

    private PolicySelection() {}

    /** Whether the CleanupPolicy names the Registry in {@code spec.registries} or selects it by its labels. */
    public static boolean selects(CleanupPolicy policy, Registry registry) {
        if (!sameNamespace(policy.getMetadata().getNamespace(), registry)) {
            return false;
        }
        CleanupPolicySpec spec = policy.getSpec();
        if (spec == null) {
            return false;
        }
        List<String> named = spec.registries();
        if (named != null && named.contains(registry.getMetadata().getName())) {
            return true;
        }
        LabelSelector selector = spec.registrySelector();
        return selector != null && LabelSelectors.matches(selector, labels(registry));
    }

    /**
     * Whether the FirewallPolicy guards the Registry: it names the Registry in {@code spec.targets.registries}, or an
     * UpstreamProxy the Registry names in {@code spec.targets.upstreamProxies}.
     */
    public static boolean selects(FirewallPolicy policy, Registry registry) {
        if (!sameNamespace(policy.getMetadata().getNamespace(), registry) || policy.getSpec() == null) {
            return false;
        }
        Targets targets = policy.getSpec().targets();
        List<String> registries = targets.registries();
        if (registries != null && registries.contains(registry.getMetadata().getName())) {
            return true;
        }
        List<String> proxies = targets.upstreamProxies();
        return proxies != null && upstreamProxies(registry).stream().anyMatch(proxies::contains);
    }

    /** The names in a Registry's {@code spec.upstreamProxies}, empty when it has none. */
    public static List<String> upstreamProxies(Registry registry) {
        if (registry.getSpec() == null || registry.getSpec().upstreamProxies() == null) {
            return List.of();
        }
        return registry.getSpec().upstreamProxies();
    }

    private static Map<String, String> labels(Registry registry) {
        Map<String, String> labels = registry.getMetadata().getLabels();
        return labels == null ? Map.of() : labels;
    }

    private static boolean sameNamespace(String namespace, Registry registry) {
        return Objects.equals(namespace, registry.getMetadata().getNamespace());
    }
}
