package dev.wharf.operator.runtimestatus;

import dev.wharf.api.v1alpha1.registry.Registry;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The last report of every Registry's runtime, shared by the Registry controller (which asks the runtimes) and the
 * UpstreamProxy and policy controllers (which aggregate their upstreams' health and their policies' reports). A runtime is asked at most once per interval,
 * however often its Registry reconciles; a failed call keeps the last report. When a report changes an upstream's
 * health or a policy's report, the UpstreamProxy or the policy is told, so its status follows without waiting for its next
 * periodic reconcile.
 */
public final class RuntimeReports {

    private final RuntimeStatusClient client;
    private final Duration interval;
    private final Clock clock;
    private final Map<ResourceID, Asked> reports = new ConcurrentHashMap<>();
    private volatile Consumer<ResourceID> upstreamChanged = proxy -> {};
    private volatile Consumer<ResourceID> cleanupChanged = policy -> {};
    private volatile Consumer<ResourceID> firewallChanged = policy -> {};

    /** A report, or none yet, and when its runtime was last asked. */
    private record Asked(Optional<RuntimeReport> report, Instant at) {}

    /**
     * @param client asks a runtime
     * @param interval the least time between two calls to the same Registry's runtime
     * @param clock when calls are made
     */
    public RuntimeReports(RuntimeStatusClient client, Duration interval, Clock clock) {
        this.client = client;
        this.interval = interval;
        this.clock = clock;
    }

    /** The least time between two calls to the same runtime; the Registry controller polls at this rhythm. */
    public Duration interval() {
        return interval;
    }

    /** Tells {@code listener} the UpstreamProxy (name and namespace) whose health some report changed. */
    public void onUpstreamChange(Consumer<ResourceID> listener) {
        this.upstreamChanged = listener;
    }

    /** Tells {@code listener} the CleanupPolicy (name and namespace) whose report some runtime changed. */
    public void onCleanupPolicyChange(Consumer<ResourceID> listener) {
        this.cleanupChanged = listener;
    }

    /** Tells {@code listener} the FirewallPolicy (name and namespace) whose report some runtime changed. */
    public void onFirewallPolicyChange(Consumer<ResourceID> listener) {
        this.firewallChanged = listener;
    }

    /**
     * The Registry's latest report: asks its runtime when the last call is older than the interval, else returns what
     * the last call brought.
     *
     * @param credential the Registry's status credential
     */
    public Optional<RuntimeReport> refresh(Registry registry, String credential) {
        ResourceID id = ResourceID.fromResource(registry);
        Instant now = clock.instant();
        Asked last = reports.get(id);
        if (last != null && now.isBefore(last.at().plus(interval))) {
            return last.report();
        }
        Optional<RuntimeReport> fresh = client.report(registry, credential);
        Optional<RuntimeReport> kept = fresh.isPresent() || last == null ? fresh : last.report();
        reports.put(id, new Asked(kept, now));
        Optional<RuntimeReport> earlier = last == null ? Optional.empty() : last.report();
        String namespace = Objects.requireNonNullElse(registry.getMetadata().getNamespace(), "");
        Map<String, UpstreamReport> before = byName(earlier);
        Map<String, UpstreamReport> after = byName(kept);
        after.keySet().stream()
                .filter(name -> !Objects.equals(before.get(name), after.get(name)))
                .forEach(name -> upstreamChanged.accept(new ResourceID(name, namespace)));
        changed(earlier, kept, RuntimeReport::cleanupPolicies, CleanupPolicyReport::name)
                .forEach(name -> cleanupChanged.accept(new ResourceID(name, namespace)));
        changed(earlier, kept, RuntimeReport::firewallPolicies, FirewallPolicyReport::name)
                .forEach(name -> firewallChanged.accept(new ResourceID(name, namespace)));
        return kept;
    }

    /** The names of the policies whose report differs between two reports, those that appeared or left included. */
    private static <T> Set<String> changed(
            Optional<RuntimeReport> before,
            Optional<RuntimeReport> after,
            Function<RuntimeReport, List<T>> policies,
            Function<T, String> name) {
        Map<String, T> old = before.map(policies).orElse(List.of()).stream()
                .collect(Collectors.toMap(name, policy -> policy, (a, b) -> a));
        Map<String, T> now = after.map(policies).orElse(List.of()).stream()
                .collect(Collectors.toMap(name, policy -> policy, (a, b) -> a));
        Set<String> names = new TreeSet<>(old.keySet());
        names.addAll(now.keySet());
        names.removeIf(policy -> Objects.equals(old.get(policy), now.get(policy)));
        return names;
    }

    /** The last report of each of the named Registries that has one, by Registry name. */
    public Map<String, RuntimeReport> last(String namespace, Collection<String> registries) {
        Map<String, RuntimeReport> found = new TreeMap<>();
        registries.forEach(registry -> last(namespace, registry).ifPresent(report -> found.put(registry, report)));
        return found;
    }

    /** The last report of a Registry, without asking its runtime. */
    public Optional<RuntimeReport> last(String namespace, String registry) {
        Asked asked = reports.get(new ResourceID(registry, namespace));
        return asked == null ? Optional.empty() : asked.report();
    }

    /** The health of the UpstreamProxy as each of the named Registries last reported it; those without a report are left out. */
    public List<UpstreamReport> upstream(String namespace, String proxy, Collection<String> registries) {
        return registries.stream()
                .map(registry -> last(namespace, registry))
                .flatMap(Optional::stream)
                .flatMap(report -> report.upstreams().stream())
                .filter(upstream -> upstream.name().equals(proxy))
                .toList();
    }

    /** Drops a deleted Registry's report. */
    public void forget(Registry registry) {
        reports.remove(ResourceID.fromResource(registry));
    }

    private static Map<String, UpstreamReport> byName(Optional<RuntimeReport> report) {
        return report.map(r -> r.upstreams().stream()
                        .collect(Collectors.toMap(UpstreamReport::name, upstream -> upstream, (a, b) -> a)))
                .orElse(Map.of());
    }
}
