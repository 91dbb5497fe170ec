package dev.wharf.api.v1alpha1.common;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** One requirement of a {@link LabelSelector}: a label key, an operator and values. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@ValidationRule(
        value = "(self.operator == 'In' || self.operator == 'NotIn')"
                + " == (has(self.values) && size(self.values) > 0)",
        message = "operators In and NotIn need values; Exists and DoesNotExist take none")
public record LabelSelectorRequirement(
        @Required @Size(min = 1, max = 317) @JsonPropertyDescription("The label key the requirement applies to.")
        String key,

        @Required
        @JsonPropertyDescription("How the label's value relates to the values: In, NotIn, Exists or DoesNotExist.")
        Operator operator,

        @Size(max = 64) @JsonPropertyDescription("The values for In and NotIn; empty for Exists and DoesNotExist.")
        @Nullable List<@Size(max = 63) String> values) {

    /** How a label's value is compared. */
    public enum Operator {
        @JsonProperty("In")
        IN,
        @JsonProperty("NotIn")
        NOT_IN,
        @JsonProperty("Exists")
        EXISTS,
        @JsonProperty("DoesNotExist")
        DOES_NOT_EXIST
    }
}
