package dev.wharf.operator.runtimestatus;

import dev.wharf.api.v1alpha1.upstream.BreakerState;
import org.jspecify.annotations.Nullable;

/**
 * One UpstreamProxy's health as one Registry's runtime reports it.
 *
 * @param name the UpstreamProxy's name
 * @param breaker its circuit breaker's state
 * @param consecutiveFailures failures in a row since the last success
 * @param lastSuccess when it last answered, RFC 3339
 * @param lastFailure when it last failed, RFC 3339
 * @param lastError what the last failure was, without credentials
 */
public record UpstreamReport(
        String name,
        BreakerState breaker,
        int consecutiveFailures,
        @Nullable String lastSuccess,
        @Nullable String lastFailure,
        @Nullable String lastError) {}
