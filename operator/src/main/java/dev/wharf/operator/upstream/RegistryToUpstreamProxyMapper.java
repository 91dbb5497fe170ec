package dev.wharf.operator.upstream;

import dev.wharf.api.v1alpha1.registry.Registry;
import dev.wharf.api.v1alpha1.registry.RegistrySpec;
import dev.wharf.api.v1alpha1.upstream.UpstreamProxy;
import dev.wharf.api.v1alpha1.upstream.UpstreamProxyStatus;
import io.javaoperatorsdk.operator.api.reconciler.IndexedResourceCache;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.SecondaryToPrimaryMapper;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Maps a changed Registry to the UpstreamProxies to reconcile: those it names, and those whose status still lists it,
 * so that a proxy dropped from {@code spec.upstreamProxies} (or a deleted Registry) leaves that proxy's status too.
 * The informer only hands over the Registry's new state, so the old one is read back from the proxies' status.
 */
final class RegistryToUpstreamProxyMapper implements SecondaryToPrimaryMapper<Registry> {

    private final IndexedResourceCache<UpstreamProxy> proxies;

    RegistryToUpstreamProxyMapper(IndexedResourceCache<UpstreamProxy> proxies) {
        this.proxies = proxies;
    }

    @Override
    public Set<ResourceID> toPrimaryResourceIDs(Registry registry) {
        String namespace = registry.getMetadata().getNamespace();
        return proxiesToReconcile(registry, proxies.list(namespace));
    }

    /** The proxies a Registry names, and those of the given ones (in its namespace) whose status lists it. */
    static Set<ResourceID> proxiesToReconcile(Registry registry, Stream<UpstreamProxy> proxiesInNamespace) {
        String namespace = registry.getMetadata().getNamespace();
        String name = registry.getMetadata().getName();
        Set<ResourceID> ids = new HashSet<>();
        for (String proxy : namedProxies(registry)) {
            ids.add(new ResourceID(proxy, namespace));
        }
        proxiesInNamespace
                .filter(proxy -> listsUser(proxy, name))
                .map(ResourceID::fromResource)
                .forEach(ids::add);
        return ids;
    }

    /** The names in a Registry's {@code spec.upstreamProxies}, empty when it has none. */
    static List<String> namedProxies(Registry registry) {
        RegistrySpec spec = registry.getSpec();
        if (spec == null || spec.upstreamProxies() == null) {
            return List.of();
        }
        return spec.upstreamProxies();
    }

    private static boolean listsUser(UpstreamProxy proxy, String registryName) {
        UpstreamProxyStatus status = proxy.getStatus();
        return status != null && status.usedBy() != null && status.usedBy().contains(registryName);
    }
}
