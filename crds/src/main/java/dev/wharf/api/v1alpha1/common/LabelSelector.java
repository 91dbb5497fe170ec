package dev.wharf.api.v1alpha1.common;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Selects resources by their labels, like the Kubernetes {@code metav1.LabelSelector}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@ValidationRule(
        value = "(has(self.matchLabels) && size(self.matchLabels) > 0)"
                + " || (has(self.matchExpressions) && size(self.matchExpressions) > 0)",
        message = "a selector needs matchLabels or matchExpressions; an empty selector would select every Registry"
                + " in the namespace, so list them explicitly if that is what you mean")
public record LabelSelector(
        @Size(max = 32) @JsonPropertyDescription("Labels a resource must all carry, with these values.") @Nullable Map<String, @Size(max = 63) String> matchLabels,

        @Size(max = 32) @JsonPropertyDescription("Label requirements a resource must all satisfy.") @Nullable List<LabelSelectorRequirement> matchExpressions) {}
