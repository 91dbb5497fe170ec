package dev.wharf.operator.references;

import dev.wharf.api.v1alpha1.cleanup.CleanupPolicy;
import dev.wharf.api.v1alpha1.firewall.FirewallPolicy;
import dev.wharf.api.v1alpha1.upstream.UpstreamProxy;
import io.fabric8.kubernetes.api.model.Secret;
import java.util.List;
import java.util.Optional;

/** The resources around a Registry, as the operator's informer caches hold them; read-only. */
public interface ClusterView {

    /** The UpstreamProxy of that name in the namespace, if it exists. */
    Optional<UpstreamProxy> upstreamProxy(String namespace, String name);

    /** The Secret of that name in the namespace, if it exists. */
    Optional<Secret> secret(String namespace, String name);

    /** Every CleanupPolicy in the namespace. */
    List<CleanupPolicy> cleanupPolicies(String namespace);

    /** Every FirewallPolicy in the namespace. */
    List<FirewallPolicy> firewallPolicies(String namespace);
}
