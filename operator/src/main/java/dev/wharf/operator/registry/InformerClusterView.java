package dev.wharf.operator.registry;

import dev.wharf.api.v1alpha1.cleanup.CleanupPolicy;
import dev.wharf.api.v1alpha1.firewall.FirewallPolicy;
import dev.wharf.api.v1alpha1.registry.Registry;
import dev.wharf.api.v1alpha1.upstream.UpstreamProxy;
import dev.wharf.operator.references.ClusterView;
import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.List;
import java.util.Optional;

/**
 * A {@link ClusterView} over the Registry controller's informer caches; the referenced Secrets' contents come from
 * {@link ReferencedSecrets}, read directly when their version changes.
 */
final class InformerClusterView implements ClusterView {

    private final InformerEventSource<UpstreamProxy, Registry> proxies;
    private final ReferencedSecrets secrets;
    private final InformerEventSource<CleanupPolicy, Registry> cleanups;
    private final InformerEventSource<FirewallPolicy, Registry> firewalls;

    InformerClusterView(
            InformerEventSource<UpstreamProxy, Registry> proxies,
            ReferencedSecrets secrets,
            InformerEventSource<CleanupPolicy, Registry> cleanups,
            InformerEventSource<FirewallPolicy, Registry> firewalls) {
        this.proxies = proxies;
        this.secrets = secrets;
        this.cleanups = cleanups;
        this.firewalls = firewalls;
    }

    @Override
    public Optional<UpstreamProxy> upstreamProxy(String namespace, String name) {
        return proxies.get(new ResourceID(name, namespace));
    }

    @Override
    public Optional<Secret> secret(String namespace, String name) {
        return secrets.get(namespace, name);
    }

    @Override
    public List<CleanupPolicy> cleanupPolicies(String namespace) {
        return cleanups.list(namespace, policy -> true).toList();
    }

    @Override
    public List<FirewallPolicy> firewallPolicies(String namespace) {
        return firewalls.list(namespace, policy -> true).toList();
    }
}
