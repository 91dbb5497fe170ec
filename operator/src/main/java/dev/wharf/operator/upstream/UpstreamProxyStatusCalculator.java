package dev.wharf.operator.upstream;

import dev.wharf.api.v1alpha1.common.Condition;
import dev.wharf.api.v1alpha1.common.ConditionStatus;
import dev.wharf.api.v1alpha1.registry.Registry;
import dev.wharf.api.v1alpha1.upstream.BreakerState;
import dev.wharf.api.v1alpha1.upstream.UpstreamProxy;
import dev.wharf.api.v1alpha1.upstream.UpstreamProxyStatus;
import dev.wharf.api.v1alpha1.upstream.UpstreamProxyStatus.UpstreamHealth;
import dev.wharf.operator.runtimestatus.UpstreamReport;
import dev.wharf.operator.status.Conditions;
import dev.wharf.operator.status.Reasons;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/** Computes an UpstreamProxy's whole status from the proxy and the Registries around it; no I/O. */
public final class UpstreamProxyStatusCalculator {

    /** The most names {@code status.usedBy} may hold, as the CRD schema says. */
    static final int USED_BY_MAX = 1024;

    /** The most characters {@code status.health.lastError} may hold, as the CRD schema says. */
    static final int LAST_ERROR_MAX = 1024;

    private UpstreamProxyStatusCalculator() {}

    /**
     * The status the proxy should have.
     *
     * @param proxy the UpstreamProxy
     * @param registries Registries that may name it; those of other namespaces, being deleted or not naming it are ignored
     * @param reports the proxy's health as the runtimes of the Registries using it last reported it
     * @param settle how far {@code lastSuccess} must move before that alone is written (the status poll interval)
     * @param previous the status the proxy has now, whose Ready transition time is kept, and its health while no
     *     runtime reports it
     * @param clock the time of a Ready transition
     */
    public static UpstreamProxyStatus calculate(
            UpstreamProxy proxy,
            Collection<Registry> registries,
            List<UpstreamReport> reports,
            Duration settle,
            @Nullable UpstreamProxyStatus previous,
            Clock clock) {
        List<String> users = users(proxy, registries);
        Long generation = proxy.getMetadata().getGeneration();
        Condition ready = Conditions.of(
                Conditions.READY,
                ConditionStatus.TRUE,
                Reasons.ACCEPTED,
                readyMessage(users.size()),
                generation,
                previous == null ? null : previous.conditions(),
                clock);
        return new UpstreamProxyStatus(
                List.of(ready),
                generation,
                users.size() > USED_BY_MAX ? users.subList(0, USED_BY_MAX) : users,
                health(reports, settle, previous == null ? null : previous.health()));
    }

    /** The names of the Registries that use the proxy: in its namespace, naming it, not being deleted; sorted. */
    public static List<String> users(UpstreamProxy proxy, Collection<Registry> registries) {
        String namespace = proxy.getMetadata().getNamespace();
        String name = proxy.getMetadata().getName();
        return registries.stream()
                .filter(registry -> Objects.equals(registry.getMetadata().getNamespace(), namespace))
                // A Registry being deleted (its finalizer still running) no longer uses the proxy.
                .filter(registry -> registry.getMetadata().getDeletionTimestamp() == null)
                .filter(registry ->
                        RegistryToUpstreamProxyMapper.namedProxies(registry).contains(name))
                .map(registry -> registry.getMetadata().getName())
                .distinct()
                .sorted()
                .toList();
    }

    /**
     * The health over every Registry's report: the worst breaker state (Open, then HalfOpen, then Closed), the most
     * consecutive failures, the latest success and the latest failure with its error. A success that moved less than
     * {@code settle} since the health written, with nothing else changed, keeps the written health, so that a busy
     * upstream does not rewrite the status on every poll.
     */
    static @Nullable UpstreamHealth health(
            List<UpstreamReport> reports, Duration settle, @Nullable UpstreamHealth previous) {
        if (reports.isEmpty()) {
            return previous;
        }
        BreakerState breaker = reports.stream()
                .map(UpstreamReport::breaker)
                .max(Comparator.comparingInt(UpstreamProxyStatusCalculator::severity))
                .orElse(BreakerState.CLOSED);
        int failures = reports.stream()
                .mapToInt(UpstreamReport::consecutiveFailures)
                .max()
                .orElse(0);
        Optional<String> lastSuccess = latest(reports.stream().map(UpstreamReport::lastSuccess));
        Optional<UpstreamReport> lastFailed = reports.stream()
                .filter(report -> instant(report.lastFailure()).isPresent())
                .max(Comparator.comparing(
                        report -> instant(report.lastFailure()).orElseThrow()));
        UpstreamHealth health = new UpstreamHealth(
                breaker,
                failures,
                lastSuccess.orElse(null),
                lastFailed.map(UpstreamReport::lastFailure).orElse(null),
                lastFailed
                        .map(UpstreamReport::lastError)
                        .map(UpstreamProxyStatusCalculator::bounded)
                        .orElse(null));
        if (previous != null
                && Objects.equals(health.breaker(), previous.breaker())
                && Objects.equals(health.consecutiveFailures(), previous.consecutiveFailures())
                && Objects.equals(health.lastFailure(), previous.lastFailure())
                && Objects.equals(health.lastError(), previous.lastError())
                && !movedBy(previous.lastSuccess(), health.lastSuccess(), settle)) {
            return previous;
        }
        return health;
    }

    private static int severity(BreakerState state) {
        return switch (state) {
            case CLOSED -> 0;
            case HALF_OPEN -> 1;
            case OPEN -> 2;
        };
    }

    private static Optional<String> latest(Stream<@Nullable String> timestamps) {
        return timestamps
                .filter(Objects::nonNull)
                .filter(timestamp -> instant(timestamp).isPresent())
                .max(Comparator.comparing(timestamp -> instant(timestamp).orElseThrow()));
    }

    private static boolean movedBy(@Nullable String before, @Nullable String after, Duration settle) {
        if (Objects.equals(before, after)) {
            return false;
        }
        Optional<Instant> from = instant(before);
        Optional<Instant> to = instant(after);
        return from.isEmpty()
                || to.isEmpty()
                || Duration.between(from.get(), to.get()).abs().compareTo(settle) >= 0;
    }

    private static Optional<Instant> instant(@Nullable String timestamp) {
        if (timestamp == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(timestamp));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** The CRD allows 1024 characters of error. */
    private static String bounded(String error) {
        return error.length() <= LAST_ERROR_MAX ? error : error.substring(0, LAST_ERROR_MAX - 1) + "…";
    }

    private static String readyMessage(int users) {
        return switch (users) {
            case 0 -> "Accepted; no Registry in this namespace names this UpstreamProxy yet.";
            case 1 -> "Accepted; 1 Registry in this namespace names this UpstreamProxy.";
            default ->
                users > USED_BY_MAX
                        ? "Accepted; " + users + " Registries in this namespace name this UpstreamProxy;"
                                + " status.usedBy lists the first " + USED_BY_MAX + "."
                        : "Accepted; " + users + " Registries in this namespace name this UpstreamProxy.";
        };
    }
}
