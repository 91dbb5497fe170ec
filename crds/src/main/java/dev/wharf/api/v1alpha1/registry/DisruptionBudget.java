package dev.wharf.api.v1alpha1.registry;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.ValidationRule;
import org.jspecify.annotations.Nullable;

/** The PodDisruptionBudget to create for the registry pods: exactly one of minAvailable or maxUnavailable. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
        value = "has(self.minAvailable) != has(self.maxUnavailable)",
        message = "spec.disruptionBudget needs exactly one of minAvailable or maxUnavailable")
public record DisruptionBudget(
        @Min(0) @Max(50) @JsonPropertyDescription("Pods that must stay up during voluntary disruptions.") @Nullable Integer minAvailable,

        @Min(0) @Max(50) @JsonPropertyDescription("Pods that may be down at once during voluntary disruptions.")
        @Nullable Integer maxUnavailable) {}
