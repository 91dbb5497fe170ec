package dev.wharf.api.v1alpha1.upstream;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The state of an upstream's circuit breaker. */
public enum BreakerState {
    @JsonProperty("Closed")
    CLOSED,
    @JsonProperty("Open")
    OPEN,
    @JsonProperty("HalfOpen")
    HALF_OPEN
}
