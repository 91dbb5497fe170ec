package dev.wharf.api.v1alpha1.registry;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;
import org.jspecify.annotations.Nullable;

/** Bounds and target for a HorizontalPodAutoscaler on the registry pods. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
        value = "self.minReplicas <= self.maxReplicas",
        message = "spec.autoscaling.minReplicas must not be greater than maxReplicas")
public record Autoscaling(
        @Required @Min(1) @Max(50) @JsonPropertyDescription("Fewest registry pods.")
        Integer minReplicas,

        @Required @Min(1) @Max(50) @JsonPropertyDescription("Most registry pods.")
        Integer maxReplicas,

        @Min(1) @Max(100) @JsonPropertyDescription("Average CPU utilisation, in percent of requests, to aim for. Unset means 75.")
        @Nullable Integer targetCPUUtilizationPercentage) {}
