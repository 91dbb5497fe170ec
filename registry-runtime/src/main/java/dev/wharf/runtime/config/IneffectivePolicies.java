package dev.wharf.runtime.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The loaded policies of a kind this runtime acts on only in part: FirewallPolicies (versions are decided when a
 * request names them, but not yet hidden from package metadata). CleanupPolicies act (package cleanup) and are not
 * listed here. Reported in the log and in {@code /api/v1/status}, so that a policy is never accepted silently and
 * left doing less than it says.
 */
public final class IneffectivePolicies {

    /** The reason of a FirewallPolicy reported here: what it decides is not yet taken out of package metadata. */
    public static final String METADATA_NOT_FILTERED = "MetadataNotFiltered";

    private IneffectivePolicies() {}

    /**
     * One loaded policy without effect.
     *
     * @param kind {@code FirewallPolicy}
     * @param reason what it does not do, {@link #METADATA_NOT_FILTERED}
     * @param message what that means for the registries it applies to
     */
    public record Policy(String kind, String name, String reason, String message, List<String> registries) {

        public Policy {
            registries = List.copyOf(registries);
        }
    }

    /** The policies of {@code configuration} that have no effect, in name order. */
    public static List<Policy> of(RuntimeConfiguration configuration) {
        List<Policy> policies = new ArrayList<>();
        configuration
                .firewallPolicies()
                .values()
                .forEach(policy -> policies.add(new Policy(
                        "FirewallPolicy",
                        policy.name(),
                        METADATA_NOT_FILTERED,
                        "FirewallPolicy " + policy.name()
                                + " takes effect only in part: in mode "
                                + policy.spec().mode().name().toLowerCase(Locale.ROOT)
                                + " it decides each version a request names that comes through its targets"
                                + " (upstream proxies " + policy.upstreamProxies() + ", registries "
                                + policy.registries() + "), but blocked versions still appear in package metadata"
                                + " (a version range may resolve to one, whose download is then refused) and"
                                + " quarantine is not available yet",
                        policy.registries())));
        return List.copyOf(policies);
    }
}
