package dev.wharf.runtime.api;

import dev.wharf.api.v1alpha1.upstream.BreakerState;
import dev.wharf.runtime.cleanup.PolicySummary;
import dev.wharf.runtime.config.ConfigurationStatus;
import dev.wharf.runtime.config.IneffectivePolicies;
import dev.wharf.runtime.firewall.FirewallSummary;
import dev.wharf.runtime.proxy.UpstreamHealth;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What {@code GET /api/v1/status} answers: the state of the configuration, of every configured registry, the loaded
 * policies that take effect only in part, each CleanupPolicy's last plan (with a bounded sample), last run and next
 * run, and each FirewallPolicy's compile problems, advisories and verdict counts, for the operator to publish in its
 * status.
 */
record StatusView(
        Configuration configuration,
        List<RegistryStatus> registries,
        List<PolicyStatus> policies,
        List<PolicySummary> cleanupPolicies,
        List<FirewallSummary> firewallPolicies) {

    /**
     * A loaded policy and whether it acts; only those that do not are listed, each with why.
     *
     * @param kind {@code CleanupPolicy} or {@code FirewallPolicy}
     * @param effective whether it acts on the registries it applies to: false for every policy listed
     * @param reason what it does not do yet, {@code MetadataNotFiltered}
     * @param registries the registries it applies to
     */
    record PolicyStatus(
            String kind, String name, boolean effective, String reason, String message, List<String> registries) {

        static PolicyStatus of(IneffectivePolicies.Policy policy) {
            return new PolicyStatus(
                    policy.kind(), policy.name(), false, policy.reason(), policy.message(), policy.registries());
        }
    }

    /**
     * The configuration being served.
     *
     * @param servingPrevious whether the last change was refused, so an older configuration is still served
     */
    record Configuration(
            String source, Instant lastLoaded, Instant lastChecked, boolean servingPrevious, List<Problem> problems) {

        static Configuration of(ConfigurationStatus status) {
            return new Configuration(
                    status.source(),
                    status.lastLoaded(),
                    status.lastChecked(),
                    status.servingPrevious(),
                    status.problems().stream()
                            .map(problem -> new Problem(problem.location().toString(), problem.reason()))
                            .toList());
        }
    }

    /** Something wrong with the configuration, and where. */
    record Problem(String location, String reason) {}

    /**
     * One registry.
     *
     * @param versions the number of versions, which is its artifact count
     * @param upstreams its UpstreamProxies in order
     * @param lastCleanupRun when a CleanupPolicy selecting it last finished a run; null before the first
     */
    record RegistryStatus(
            String name,
            String format,
            boolean implemented,
            boolean ready,
            List<String> problems,
            long packages,
            long versions,
            long files,
            long storageBytes,
            long downloads,
            @Nullable Instant lastPushedAt,
            List<Upstream> upstreams,
            @Nullable Instant lastCleanupRun) {}

    /**
     * An UpstreamProxy of a registry and its health as this runtime sees it.
     *
     * @param health one word: {@code unknown} until it is asked, {@code down} while its circuit breaker is not
     *     closed, {@code failing} after a failure, {@code up} after a success
     * @param breaker its circuit breaker's state: Closed, Open or HalfOpen
     * @param consecutiveFailures failures in a row since the last success
     * @param lastSuccess when it last answered
     * @param lastFailure when it last failed
     * @param lastError what the last failure was, without credentials
     */
    record Upstream(
            String name,
            String url,
            String health,
            BreakerState breaker,
            int consecutiveFailures,
            @Nullable Instant lastSuccess,
            @Nullable Instant lastFailure,
            @Nullable String lastError) {

        static Upstream of(String name, String url, UpstreamHealth health) {
            return new Upstream(
                    name,
                    url,
                    health.summary(),
                    health.breaker(),
                    health.consecutiveFailures(),
                    health.lastSuccess(),
                    health.lastFailure(),
                    health.lastError());
        }
    }
}
