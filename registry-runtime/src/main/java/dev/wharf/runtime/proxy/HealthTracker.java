package dev.wharf.runtime.proxy;

import dev.wharf.api.v1alpha1.upstream.BreakerState;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Clock;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** Keeps an upstream's successes and failures, and reads its breaker's state, for {@link UpstreamHealth}. */
final class HealthTracker {

    private static final int MAX_ERROR_LENGTH = 1024;

    private final String name;
    private final CircuitBreaker breaker;
    private final Clock clock;
    private int consecutiveFailures;
    private @Nullable Instant lastSuccess;
    private @Nullable Instant lastFailure;
    private @Nullable String lastError;

    HealthTracker(String name, CircuitBreaker breaker, Clock clock) {
        this.name = name;
        this.breaker = breaker;
        this.clock = clock;
    }

    synchronized void success() {
        consecutiveFailures = 0;
        lastSuccess = clock.instant();
    }

    synchronized void failure(String error) {
        consecutiveFailures++;
        lastFailure = clock.instant();
        lastError = error.length() > MAX_ERROR_LENGTH ? error.substring(0, MAX_ERROR_LENGTH) : error;
    }

    synchronized UpstreamHealth snapshot() {
        return new UpstreamHealth(
                name, state(breaker.getState()), consecutiveFailures, lastSuccess, lastFailure, lastError);
    }

    private static BreakerState state(CircuitBreaker.State state) {
        return switch (state) {
            case OPEN, FORCED_OPEN -> BreakerState.OPEN;
            case HALF_OPEN -> BreakerState.HALF_OPEN;
            default -> BreakerState.CLOSED;
        };
    }
}
