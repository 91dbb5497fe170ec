package dev.wharf.api.v1alpha1.registry;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.wharf.api.v1alpha1.common.Patterns;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import org.jspecify.annotations.Nullable;

/** CPU and memory requests and limits for the registry container. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Resources(
        @JsonPropertyDescription("What the scheduler reserves for each pod. Unset means 250m CPU and 512Mi memory.")
        @Nullable Amounts requests,

        @JsonPropertyDescription("The most each pod may use. Unset means a 1Gi memory limit and no CPU limit.")
        @Nullable Amounts limits) {

    /** An amount of CPU and memory, as Kubernetes quantities. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Amounts(
            @Size(max = Patterns.QUANTITY_MAX) @Pattern(Patterns.QUANTITY) @JsonPropertyDescription("CPU, such as 500m or 2.")
            @Nullable String cpu,

            @Size(max = Patterns.QUANTITY_MAX) @Pattern(Patterns.QUANTITY) @JsonPropertyDescription("Memory, such as 512Mi or 2Gi. The JVM heap is sized from it.")
            @Nullable String memory) {}
}
