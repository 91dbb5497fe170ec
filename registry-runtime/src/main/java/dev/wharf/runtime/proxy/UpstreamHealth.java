package dev.wharf.runtime.proxy;

import dev.wharf.api.v1alpha1.upstream.BreakerState;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The health of an upstream as this runtime sees it, for the status endpoint and the UpstreamProxy's status.
 *
 * @param name the UpstreamProxy
 * @param breaker its circuit breaker's state
 * @param consecutiveFailures failures in a row since the last success
 * @param lastSuccess when it last answered; null when it never did
 * @param lastFailure when it last failed; null when it never did
 * @param lastError what the last failure was, without credentials; null when it never failed
 */
public record UpstreamHealth(
        String name,
        BreakerState breaker,
        int consecutiveFailures,
        @Nullable Instant lastSuccess,
        @Nullable Instant lastFailure,
        @Nullable String lastError) {

    /**
     * One word for it: {@code unknown} until it is asked, {@code down} while its breaker is not closed,
     * {@code failing} after a failure, {@code up} after a success.
     */
    public String summary() {
        if (lastSuccess == null && lastFailure == null) {
            return "unknown";
        }
        if (breaker != BreakerState.CLOSED) {
            return "down";
        }
        return consecutiveFailures > 0 ? "failing" : "up";
    }

    /** An upstream not asked yet. */
    static UpstreamHealth unknown(String name) {
        return new UpstreamHealth(name, BreakerState.CLOSED, 0, null, null, null);
    }
}
