package dev.wharf.operator.runtimestatus;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One CleanupPolicy as one Registry's runtime reports it ({@code cleanupPolicies[]} of its status document): its
 * schedule, its last plan with a bounded sample and its last finished run.
 *
 * @param registries the registries of that runtime it selects
 * @param mode Plan, Apply or ApplyApproved
 * @param suspended whether its schedule is paused
 * @param nextRun when it runs next (RFC 3339); null when suspended
 * @param plan its last plan; null before the first
 * @param lastRun its last finished run; null before the first
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CleanupPolicyReport(
        String name,
        @Nullable List<String> registries,
        @Nullable String mode,
        boolean suspended,
        @Nullable String nextRun,
        @Nullable Plan plan,
        @Nullable Run lastRun) {

    /** A plan: what would be deleted, with the hash that approves it. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Plan(
            @Nullable String hash,
            @Nullable String time,
            long candidates,
            long bytes,
            @Nullable List<Item> sample) {}

    /** One version of a plan, and why the rule selected it. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Item(
            @Nullable String registry,
            @Nullable String item,
            @Nullable String rule,
            @Nullable String why) {}

    /**
     * A finished run.
     *
     * @param outcome Planned, Applied, NotApproved, OverLimit, Interrupted or Failed
     * @param error the message of a run that deleted nothing it should have
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Run(
            @Nullable String time,
            @Nullable String outcome,
            long deleted,
            long freedBytes,
            @Nullable String error) {

        /** Whether the run ended without doing its work for a reason other than a missing approval. */
        public boolean failed() {
            return "Failed".equals(outcome) || "Interrupted".equals(outcome) || "OverLimit".equals(outcome);
        }

        /** Whether it deleted nothing because the plan was not approved. */
        public boolean notApproved() {
            return "NotApproved".equals(outcome);
        }
    }
}
