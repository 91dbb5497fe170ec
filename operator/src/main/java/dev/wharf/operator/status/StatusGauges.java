package dev.wharf.operator.status;

import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The gauges the alerts and the dashboard read from the operator: what the status of each Wharf resource says, one
 * series per resource (tags {@code namespace} and the kind's name tag; never a package or a digest). Each gauge lists
 * the resources of its kind that exist, so a deleted resource's series goes away.
 */
public final class StatusGauges {

    /** A gauge: its name, description and the tag naming the resource. */
    public enum Gauge {
        /** 1 while a Registry's Ready condition is True, else 0. */
        REGISTRY_READY("wharf.registry.ready", "Whether the Registry is Ready (1) or not (0)", "registry"),
        /** 1 while an UpstreamProxy's circuit breaker is open in some Registry's runtime, else 0. */
        UPSTREAM_BREAKER_OPEN(
                "wharf.upstream.breaker.open",
                "Whether the UpstreamProxy's circuit breaker is open in some runtime (1) or not (0)",
                "upstreamproxy"),
        /** The versions a FirewallPolicy has blocked, as its status counts them. */
        FIREWALL_BLOCKED_VERSIONS(
                "wharf.firewall.blocked.versions",
                "Versions the FirewallPolicy blocks in the Registries it guards",
                "firewallpolicy"),
        /** 1 while a CleanupPolicy's last run failed on some Registry, else 0. */
        CLEANUP_RUN_FAILED(
                "wharf.cleanup.run.failed",
                "Whether the CleanupPolicy's last run failed on some Registry (1) or not (0)",
                "cleanuppolicy");

        private final String meter;
        private final String description;
        private final String tag;

        Gauge(String meter, String description, String tag) {
            this.meter = meter;
            this.description = description;
            this.tag = tag;
        }

        /** The Micrometer name; Prometheus shows it with underscores. */
        public String meter() {
            return meter;
        }
    }

    /** One gauge's meter and its value per resource. */
    private record Series(MultiGauge meter, Map<ResourceID, Double> values) {}

    private final Map<Gauge, Series> series = new EnumMap<>(Gauge.class);

    public StatusGauges(MeterRegistry meters) {
        for (Gauge gauge : Gauge.values()) {
            series.put(
                    gauge,
                    new Series(
                            MultiGauge.builder(gauge.meter)
                                    .description(gauge.description)
                                    .register(meters),
                            new ConcurrentHashMap<>()));
        }
    }

    /** Sets the gauge's value for one resource. */
    public void set(Gauge gauge, ResourceID resource, double value) {
        Double before = values(gauge).put(resource, value);
        if (!Objects.equals(before, value)) {
            publish(gauge);
        }
    }

    /** Drops the series of the resources of the gauge's kind that no longer exist. */
    public void retain(Gauge gauge, Set<ResourceID> existing) {
        if (values(gauge).keySet().retainAll(existing)) {
            publish(gauge);
        }
    }

    /** Drops one resource's series. */
    public void remove(Gauge gauge, ResourceID resource) {
        if (values(gauge).remove(resource) != null) {
            publish(gauge);
        }
    }

    private Map<ResourceID, Double> values(Gauge gauge) {
        return Objects.requireNonNull(series.get(gauge)).values();
    }

    private synchronized void publish(Gauge gauge) {
        List<MultiGauge.Row<?>> rows = values(gauge).entrySet().stream()
                .<MultiGauge.Row<?>>map(entry -> MultiGauge.Row.of(
                        Tags.of(
                                "namespace",
                                entry.getKey().getNamespace().orElse(""),
                                gauge.tag,
                                entry.getKey().getName()),
                        entry.getValue()))
                .toList();
        Objects.requireNonNull(series.get(gauge)).meter().register(rows, true);
    }
}
