package dev.wharf.api.v1alpha1.upstream;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.wharf.api.v1alpha1.common.Patterns;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import org.jspecify.annotations.Nullable;

/** After so many consecutive failures an upstream is skipped for a while, then probed with one request. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CircuitBreaker(
        @Min(1) @Max(1000) @JsonPropertyDescription("Consecutive failures that open the breaker. Unset means 5.")
        @Nullable Integer failures,

        @Size(max = Patterns.DURATION_MAX) @Pattern(Patterns.DURATION) @JsonPropertyDescription("How long the breaker stays open before one probe request. Unset means 30s.")
        @Nullable String openFor) {}
