package dev.wharf.runtime.cleanup;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A CleanupPolicy as the management API and the status endpoint show it, in the shape of the CRD's status: its last
 * plan with a bounded sample, its last run and its next run.
 *
 * @param mode Plan, Apply or ApplyApproved
 * @param suspended whether its schedule is paused
 * @param nextRun when its schedule runs it next (RFC 3339); null when suspended
 * @param plan its last plan; null before the first
 * @param lastRun its last finished run; null before the first
 * @param running the run under way, if any
 */
public record PolicySummary(
        String name,
        List<String> registries,
        String mode,
        boolean suspended,
        String schedule,
        String timeZone,
        @Nullable String nextRun,
        @Nullable Plan plan,
        @Nullable Run lastRun,
        @Nullable Run running) {

    public PolicySummary {
        registries = List.copyOf(registries);
    }

    /**
     * A plan: its hash, when it was made, its counts and its first candidates and kept versions with their reasons.
     *
     * @param notes what it could not plan and why; null when nothing
     */
    public record Plan(
            String hash,
            String time,
            long candidates,
            long bytes,
            long kept,
            @Nullable String notes,
            List<Item> sample,
            List<Item> keptSample) {

        public Plan {
            sample = List.copyOf(sample);
            keptSample = List.copyOf(keptSample);
        }
    }

    /**
     * One version of a plan.
     *
     * @param item {@code package:version}
     * @param seq its position in the plan, to page from
     */
    public record Item(
            long seq,
            String registry,
            String item,
            long sizeBytes,
            @Nullable String rule,
            String why,
            boolean deleted) {

        static Item of(PlanItem item) {
            return new Item(
                    item.seq(),
                    item.registry(),
                    item.packageName() + ":" + item.version(),
                    item.sizeBytes(),
                    item.rule(),
                    item.why(),
                    item.deleted());
        }
    }

    /**
     * A run.
     *
     * @param time when it finished (RFC 3339); null while it runs
     * @param outcome Planned, Applied, NotApproved, OverLimit, Interrupted or Failed; null while it runs
     * @param error the message of a run that deleted nothing it should have (NotApproved, OverLimit, Failed)
     */
    public record Run(
            long id,
            String startedBy,
            String startedAt,
            @Nullable String time,
            @Nullable String outcome,
            long deleted,
            long freedBytes,
            long gone,
            @Nullable String message,
            @Nullable String error) {

        static Run of(RunRecord run) {
            boolean failed = run.outcome() != null
                    && !run.outcome().equals(RunOutcome.Applied.name())
                    && !run.outcome().equals(RunOutcome.Planned.name());
            return new Run(
                    run.id(),
                    run.startedBy(),
                    run.startedAt().toString(),
                    run.finishedAt() == null ? null : run.finishedAt().toString(),
                    run.outcome(),
                    run.deleted(),
                    run.freedBytes(),
                    run.gone(),
                    run.message(),
                    failed ? run.message() : null);
        }
    }
}
