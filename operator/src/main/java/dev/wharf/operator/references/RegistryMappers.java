package dev.wharf.operator.references;

import dev.wharf.api.v1alpha1.cleanup.CleanupPolicy;
import dev.wharf.api.v1alpha1.firewall.FirewallPolicy;
import dev.wharf.api.v1alpha1.registry.Registry;
import dev.wharf.api.v1alpha1.upstream.UpstreamProxy;
import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * From a changed UpstreamProxy, policy or Secret to exactly the Registries whose configuration or pods it affects, so
 * that one change reconciles those Registries and no other. Pure: the Registries and the resources around them are
 * passed in.
 */
public final class RegistryMappers {

    private RegistryMappers() {}

    /** The Registries of the proxy's namespace that name it. */
    public static Set<ResourceID> usersOf(UpstreamProxy proxy, Stream<Registry> registriesInNamespace) {
        String name = proxy.getMetadata().getName();
        return ids(registriesInNamespace.filter(
                registry -> PolicySelection.upstreamProxies(registry).contains(name)));
    }

    /**
     * The Registries of the Secret's namespace whose runtime reads it: directly, through an UpstreamProxy they name,
     * or through a FirewallPolicy that guards them.
     */
    public static Set<ResourceID> usersOf(Secret secret, Stream<Registry> registriesInNamespace, ClusterView cluster) {
        String name = secret.getMetadata().getName();
        String namespace = secret.getMetadata().getNamespace();
        List<FirewallPolicy> firewalls = cluster.firewallPolicies(namespace);
        return ids(registriesInNamespace.filter(registry -> {
            List<UpstreamProxy> proxies = PolicySelection.upstreamProxies(registry).stream()
                    .flatMap(proxy -> cluster.upstreamProxy(namespace, proxy).stream())
                    .toList();
            List<FirewallPolicy> guarding = firewalls.stream()
                    .filter(policy -> PolicySelection.selects(policy, registry))
                    .toList();
            return ReferenceResolver.secretReferences(registry.getSpec(), proxies, guarding).stream()
                    .anyMatch(reference -> reference.name().equals(name));
        }));
    }

    /**
     * The Registries a CleanupPolicy selects now, and those its status still lists: the informer only hands over the
     * new state, and a Registry it no longer selects must drop it from its configuration too.
     */
    public static Set<ResourceID> selectedBy(CleanupPolicy policy, Stream<Registry> registriesInNamespace) {
        return selected(
                policy,
                registriesInNamespace,
                (p, registry) -> PolicySelection.selects(p, registry),
                p -> p.getStatus() == null ? null : p.getStatus().selectedRegistries());
    }

    /** The Registries a FirewallPolicy guards now, and those its status still lists; see the CleanupPolicy's. */
    public static Set<ResourceID> selectedBy(FirewallPolicy policy, Stream<Registry> registriesInNamespace) {
        return selected(
                policy,
                registriesInNamespace,
                (p, registry) -> PolicySelection.selects(p, registry),
                p -> p.getStatus() == null ? null : p.getStatus().selectedRegistries());
    }

    private static <T extends io.fabric8.kubernetes.api.model.HasMetadata> Set<ResourceID> selected(
            T policy,
            Stream<Registry> registriesInNamespace,
            BiPredicate<T, Registry> selects,
            Function<T, @Nullable List<String>> listed) {
        String namespace = policy.getMetadata().getNamespace();
        Set<ResourceID> ids = ids(registriesInNamespace.filter(registry -> selects.test(policy, registry)));
        List<String> before = listed.apply(policy);
        if (before != null) {
            before.forEach(name -> ids.add(new ResourceID(name, namespace)));
        }
        return ids;
    }

    private static Set<ResourceID> ids(Stream<Registry> registries) {
        Set<ResourceID> ids = new HashSet<>();
        registries.map(ResourceID::fromResource).forEach(ids::add);
        return ids;
    }
}
