package dev.wharf.operator.runtimestatus;

import java.util.List;
import java.util.Optional;

/**
 * What a Registry's runtime reports about it.
 *
 * @param artifacts the number of versions stored, hosted and cached
 * @param storageBytes the bytes of blob storage used
 * @param upstreams the health of each UpstreamProxy the Registry uses, as this runtime sees it
 * @param cleanupPolicies the CleanupPolicies it has loaded for the Registry
 * @param firewallPolicies the FirewallPolicies it has loaded for the Registry
 */
public record RuntimeReport(
        long artifacts,
        long storageBytes,
        List<UpstreamReport> upstreams,
        List<CleanupPolicyReport> cleanupPolicies,
        List<FirewallPolicyReport> firewallPolicies) {

    public RuntimeReport {
        upstreams = List.copyOf(upstreams);
        cleanupPolicies = List.copyOf(cleanupPolicies);
        firewallPolicies = List.copyOf(firewallPolicies);
    }

    /** A report without policies. */
    public RuntimeReport(long artifacts, long storageBytes, List<UpstreamReport> upstreams) {
        this(artifacts, storageBytes, upstreams, List.of(), List.of());
    }

    /** The CleanupPolicy {@code name} as reported; empty when the runtime has not loaded it. */
    public Optional<CleanupPolicyReport> cleanupPolicy(String name) {
        return cleanupPolicies.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /** The FirewallPolicy {@code name} as reported; empty when the runtime has not loaded it. */
    public Optional<FirewallPolicyReport> firewallPolicy(String name) {
        return firewallPolicies.stream().filter(p -> p.name().equals(name)).findFirst();
    }
}
