package dev.wharf.api.v1alpha1.firewall;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.wharf.api.v1alpha1.common.Condition;
import io.fabric8.generator.annotation.Size;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The observed state of a FirewallPolicy: what it guards, its advisory data and its decisions. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FirewallPolicyStatus(
        @Size(max = 16) @JsonPropertyDescription(
                "Conditions: Ready (rules compiled, targets found), and AdvisoriesFresh when advisories are"
                        + " configured.")
        @Nullable List<Condition> conditions,

        @JsonPropertyDescription("The metadata.generation this status was computed from.") @Nullable Long observedGeneration,

        @Size(max = 1024) @JsonPropertyDescription("Registries the policy applies to, directly or through their UpstreamProxies.")
        @Nullable List<@Size(max = 63) String> selectedRegistries,

        @Size(max = 64) @JsonPropertyDescription("When the advisories were last fetched, as an RFC 3339 timestamp.")
        @Nullable String advisoriesUpdated,

        @JsonPropertyDescription("Decisions so far.") @Nullable Counts counts) {

    /** How many versions the policy has let through, flagged and blocked. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Counts(
            @JsonPropertyDescription("Versions evaluated.") @Nullable Long evaluated,

            @JsonPropertyDescription("Versions served with a warning.") @Nullable Long warned,

            @JsonPropertyDescription("Versions blocked.") @Nullable Long blocked) {}
}
