package dev.wharf.api.v1alpha1.registry;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.wharf.api.v1alpha1.common.Patterns;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A ServiceMonitor for the Prometheus operator, created only when its CRD exists in the cluster. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Monitoring(
        @JsonPropertyDescription("Whether to create the ServiceMonitor. Unset means false.") @Nullable Boolean serviceMonitor,

        @Size(max = Patterns.DURATION_MAX) @Pattern(Patterns.DURATION) @JsonPropertyDescription("How often Prometheus scrapes, such as 30s. Unset means Prometheus's default.")
        @Nullable String interval,

        @Size(max = 16) @ValidationRule(
                value = "self.all(k, size(k) <= 317)",
                message = "spec.monitoring.labels keys must be at most 317 characters long")
        @JsonPropertyDescription("Labels for the ServiceMonitor, so your Prometheus selects it.")
        @Nullable Map<String, @Size(max = 63) String> labels) {}
