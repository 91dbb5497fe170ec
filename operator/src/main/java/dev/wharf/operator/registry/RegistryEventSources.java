package dev.wharf.operator.registry;

import dev.wharf.api.v1alpha1.cleanup.CleanupPolicy;
import dev.wharf.api.v1alpha1.firewall.FirewallPolicy;
import dev.wharf.api.v1alpha1.registry.Registry;
import dev.wharf.api.v1alpha1.upstream.UpstreamProxy;
import dev.wharf.operator.references.ClusterView;
import dev.wharf.operator.references.RegistryMappers;
import dev.wharf.operator.registry.dependents.RegistryObjects;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.TransformingItemStore;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The Registry controller's informers beyond its dependents: UpstreamProxies, CleanupPolicies, FirewallPolicies and
 * Secrets (their metadata only), each mapped to exactly the Registries it affects ({@link RegistryMappers}), the data
 * volume claims, and the registry pods (whose failures the status reports).
 *
 * @param eventSources the informers to register
 * @param cluster a view over their caches, for resolving a Registry's references
 */
record RegistryEventSources(List<EventSource<?, Registry>> eventSources, ClusterView cluster) {

    static final String UPSTREAM_PROXIES = "registry-upstreamproxies";
    static final String SECRETS = "registry-secrets";
    static final String CLEANUP_POLICIES = "registry-cleanuppolicies";
    static final String FIREWALL_POLICIES = "registry-firewallpolicies";
    static final String VOLUME_CLAIMS = "registry-volumeclaims";
    static final String PODS = "registry-pods";

    static RegistryEventSources prepare(EventSourceContext<Registry> context) {
        var primaries = context.getPrimaryCache();
        InformerEventSource<UpstreamProxy, Registry> proxies = new InformerEventSource<>(
                InformerEventSourceConfiguration.from(UpstreamProxy.class, Registry.class)
                        .withName(UPSTREAM_PROXIES)
                        .withNamespacesInheritedFromController()
                        .withSecondaryToPrimaryMapper(proxy -> RegistryMappers.usersOf(
                                proxy, primaries.list(proxy.getMetadata().getNamespace())))
                        .build(),
                context);
        InformerEventSource<CleanupPolicy, Registry> cleanups = new InformerEventSource<>(
                InformerEventSourceConfiguration.from(CleanupPolicy.class, Registry.class)
                        .withName(CLEANUP_POLICIES)
                        .withNamespacesInheritedFromController()
                        .withSecondaryToPrimaryMapper(policy -> RegistryMappers.selectedBy(
                                policy, primaries.list(policy.getMetadata().getNamespace())))
                        .build(),
                context);
        InformerEventSource<FirewallPolicy, Registry> firewalls = new InformerEventSource<>(
                InformerEventSourceConfiguration.from(FirewallPolicy.class, Registry.class)
                        .withName(FIREWALL_POLICIES)
                        .withNamespacesInheritedFromController()
                        .withSecondaryToPrimaryMapper(policy -> RegistryMappers.selectedBy(
                                policy, primaries.list(policy.getMetadata().getNamespace())))
                        .build(),
                context);
        // The Secret mapper needs the view, and the view needs the Secret informer: the view is set right after.
        AtomicReference<ClusterView> view = new AtomicReference<>();
        // User Secrets carry no label of ours (the operator never writes to them), so every Secret of the watched
        // namespaces is watched, but the cache keeps only their metadata (SecretMetadata): the contents of those a
        // Registry references are read directly, and again only when their resourceVersion moves.
        InformerEventSource<Secret, Registry> secrets = new InformerEventSource<>(
                InformerEventSourceConfiguration.from(Secret.class, Registry.class)
                        .withName(SECRETS)
                        .withNamespacesInheritedFromController()
                        .withItemStore(new TransformingItemStore<>(SecretMetadata::of))
                        .withSecondaryToPrimaryMapper(secret -> {
                            ClusterView cluster = view.get();
                            return cluster == null
                                    ? Set.of()
                                    : RegistryMappers.usersOf(
                                            secret,
                                            primaries.list(secret.getMetadata().getNamespace()),
                                            cluster);
                        })
                        .build(),
                context);
        ReferencedSecrets contents = ReferencedSecrets.reading(
                context.getClient(), (namespace, name) -> secrets.get(new ResourceID(name, namespace)));
        ClusterView cluster = new InformerClusterView(proxies, contents, cleanups, firewalls);
        view.set(cluster);
        InformerEventSource<PersistentVolumeClaim, Registry> claims = new InformerEventSource<>(
                InformerEventSourceConfiguration.from(PersistentVolumeClaim.class, Registry.class)
                        .withName(VOLUME_CLAIMS)
                        .withNamespacesInheritedFromController()
                        .withLabelSelector(RegistryObjects.MANAGED_SELECTOR)
                        .withSecondaryToPrimaryMapper(RegistryEventSources::labelledRegistry)
                        .build(),
                context);
        // Only the operator's pods (by label), so that the cache holds the registry pods and nothing else.
        InformerEventSource<Pod, Registry> pods = new InformerEventSource<>(
                InformerEventSourceConfiguration.from(Pod.class, Registry.class)
                        .withName(PODS)
                        .withNamespacesInheritedFromController()
                        .withLabelSelector(RegistryObjects.MANAGED_SELECTOR)
                        .withSecondaryToPrimaryMapper(RegistryEventSources::labelledRegistry)
                        .build(),
                context);
        return new RegistryEventSources(List.of(proxies, cleanups, firewalls, secrets, claims, pods), cluster);
    }

    /** The Registry an object of the operator's belongs to, by its instance label. */
    private static Set<ResourceID> labelledRegistry(HasMetadata object) {
        Map<String, String> labels = object.getMetadata().getLabels();
        String registry = labels == null ? null : labels.get(RegistryObjects.INSTANCE);
        return registry == null
                ? Set.of()
                : Set.of(new ResourceID(registry, object.getMetadata().getNamespace()));
    }
}
