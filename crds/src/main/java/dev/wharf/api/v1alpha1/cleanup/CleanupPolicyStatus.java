package dev.wharf.api.v1alpha1.cleanup;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.wharf.api.v1alpha1.common.Condition;
import dev.wharf.api.v1alpha1.common.Patterns;
import io.fabric8.generator.annotation.Size;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The observed state of a CleanupPolicy: the Registries it selects, the current plan and the last run. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CleanupPolicyStatus(
        @Size(max = 16) @JsonPropertyDescription("Conditions: Ready (the policy is valid and scheduled).") @Nullable List<Condition> conditions,

        @JsonPropertyDescription("The metadata.generation this status was computed from.") @Nullable Long observedGeneration,

        @Size(max = 1024) @JsonPropertyDescription("Registries the policy selects.") @Nullable List<@Size(max = 63) String> selectedRegistries,

        @JsonPropertyDescription("What the policy would delete now.") @Nullable Plan plan,

        @JsonPropertyDescription("What the last run did.") @Nullable Run lastRun,

        @Size(max = 64) @JsonPropertyDescription("When the policy runs next, as an RFC 3339 timestamp.") @Nullable String nextRun) {

    /** A dry run: what would be deleted, with a hash to approve it by. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Plan(
            @Size(max = 64) @JsonPropertyDescription(
                    "sha256 of the plan's full candidate list; copy it to spec.approvedPlan to approve.")
            @Nullable String hash,

            @Size(max = 64) @JsonPropertyDescription("When the plan was computed, as an RFC 3339 timestamp.") @Nullable String time,

            @JsonPropertyDescription("Versions the plan would delete.") @Nullable Long candidates,

            @JsonPropertyDescription("Bytes the plan would free.") @Nullable Long bytes,

            @Size(max = 20) @JsonPropertyDescription(
                    "The first candidates, each with the rule and reason; the full list is in the runtime's API.")
            @Nullable List<Candidate> sample) {}

    /** One version a plan would delete, and why. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Candidate(
            @Size(max = 63) @JsonPropertyDescription("The Registry holding it.") @Nullable String registry,

            @Size(max = 512) @JsonPropertyDescription("The package and version, as 'package:version'.") @Nullable String item,

            @Size(max = 63) @JsonPropertyDescription("The name of the rule that selected it.") @Nullable String rule,

            @Size(max = Patterns.TEXT_MAX) @JsonPropertyDescription("Why the rule selected it, such as 'olderThan 90d: published 2024-01-02'.")
            @Nullable String why) {}

    /** The outcome of one cleanup run. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Run(
            @Size(max = 64) @JsonPropertyDescription("When the run finished, as an RFC 3339 timestamp.") @Nullable String time,

            @JsonPropertyDescription("Versions deleted.") @Nullable Long deleted,

            @JsonPropertyDescription("Bytes freed.") @Nullable Long freedBytes,

            @Size(max = Patterns.MESSAGE_MAX) @JsonPropertyDescription("What went wrong, if the run did not finish.")
            @Nullable String error) {}
}
