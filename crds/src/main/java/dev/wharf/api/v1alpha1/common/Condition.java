package dev.wharf.api.v1alpha1.common;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import org.jspecify.annotations.Nullable;

/** One aspect of a resource's state, in the shape of the Kubernetes {@code metav1.Condition}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Condition(
        @Required
        @Size(max = 316) @Pattern(
                "^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?[A-Za-z]([A-Za-z0-9_.-]*[A-Za-z0-9])?$")
        @JsonPropertyDescription("Type of the condition in CamelCase, such as Ready.")
        String type,

        @Required @JsonPropertyDescription("Status of the condition: True, False or Unknown.")
        ConditionStatus status,

        @Min(0) @JsonPropertyDescription(
                "The metadata.generation of the resource this condition was computed from; when it is lower than"
                        + " metadata.generation the condition is out of date.")
        @Nullable Long observedGeneration,

        @Required
        @Size(max = 64) @JsonPropertyDescription(
                "When the condition last changed status, as an RFC 3339 timestamp. It does not change when only"
                        + " the reason or message changes.")
        String lastTransitionTime,

        @Required
        @Size(min = 1, max = 1024) @Pattern(Patterns.REASON) @JsonPropertyDescription("Machine-readable CamelCase reason for the condition's last transition.")
        String reason,

        @Size(max = 32768) @JsonPropertyDescription("Human-readable message saying what the condition means and what to do about it.")
        @Nullable String message) {}
