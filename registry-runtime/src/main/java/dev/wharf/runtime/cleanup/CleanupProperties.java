package dev.wharf.runtime.cleanup;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the runtime runs CleanupPolicies.
 *
 * @param enabled whether policies run on their schedules ({@code POST /api/v1/cleanup-policies/<name>/run} and
 *     {@code /plan} work either way)
 * @param tick how often the schedules are looked at; a slot runs at most this long after its time
 * @param lease how long a replica's hold on a policy lasts without renewal: how long a replica that died during a run
 *     keeps the others from running the policy
 */
@ConfigurationProperties("wharf.cleanup")
public record CleanupProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("30s") Duration tick,
        @DefaultValue("2m") Duration lease) {

    public CleanupProperties {
        if (tick.isNegative() || tick.isZero()) {
            throw new IllegalArgumentException("wharf.cleanup.tick must be positive, not " + tick);
        }
        if (lease.compareTo(Duration.ofSeconds(3)) < 0) {
            throw new IllegalArgumentException("wharf.cleanup.lease must be at least 3s, not " + lease);
        }
    }
}
