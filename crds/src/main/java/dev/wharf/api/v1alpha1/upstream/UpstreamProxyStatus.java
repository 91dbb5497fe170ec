package dev.wharf.api.v1alpha1.upstream;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.wharf.api.v1alpha1.common.Condition;
import io.fabric8.generator.annotation.Size;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The observed state of an UpstreamProxy: which Registries use it and how healthy it is. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UpstreamProxyStatus(
        @Size(max = 16) @JsonPropertyDescription("Conditions: Ready (the upstream answers, or nobody uses it yet).")
        @Nullable List<Condition> conditions,

        @JsonPropertyDescription("The metadata.generation this status was computed from.") @Nullable Long observedGeneration,

        @Size(max = 1024) @JsonPropertyDescription("Registries in this namespace that name this UpstreamProxy.")
        @Nullable List<@Size(max = 63) String> usedBy,

        @JsonPropertyDescription("The upstream's health, as the registry pods last reported it.") @Nullable UpstreamHealth health) {

    /** Health of an upstream as seen by the registry pods. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record UpstreamHealth(
            @JsonPropertyDescription("The circuit breaker's state: Closed, Open or HalfOpen.") @Nullable BreakerState breaker,

            @JsonPropertyDescription("Failures in a row since the last success.") @Nullable Integer consecutiveFailures,

            @Size(max = 64) @JsonPropertyDescription("When the upstream last answered, as an RFC 3339 timestamp.")
            @Nullable String lastSuccess,

            @Size(max = 64) @JsonPropertyDescription("When the upstream last failed, as an RFC 3339 timestamp.")
            @Nullable String lastFailure,

            @Size(max = 1024) @JsonPropertyDescription("What the last failure was, without credentials.") @Nullable String lastError) {}
}
