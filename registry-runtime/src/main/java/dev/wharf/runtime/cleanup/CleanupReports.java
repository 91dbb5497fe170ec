package dev.wharf.runtime.cleanup;

import dev.wharf.runtime.config.ConfiguredCleanupPolicy;
import java.time.Instant;
import java.util.Optional;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** What the API and the status endpoint show of a policy: {@link PolicySummary}, read from its plans and runs. */
public final class CleanupReports {

    private final CleanupRunner runner;
    private final CleanupRuns runs;
    private final ScheduledCleanup schedule;

    CleanupReports(CleanupRunner runner, CleanupRuns runs, ScheduledCleanup schedule) {
        this.runner = runner;
        this.runs = runs;
        this.schedule = schedule;
    }

    /** The policy's summary, with at most {@link PlanTally#SAMPLE} candidates and kept versions. */
    public Mono<PolicySummary> summary(ConfiguredCleanupPolicy policy) {
        Mono<Optional<PolicySummary.Plan>> plan = runner.latestPlan(policy.name())
                .flatMap(stored -> Mono.zip(items(stored.id(), false), items(stored.id(), true))
                        .map(samples -> new PolicySummary.Plan(
                                stored.hash(),
                                stored.plannedAt().toString(),
                                stored.candidates(),
                                stored.bytes(),
                                stored.kept(),
                                stored.notes(),
                                samples.getT1(),
                                samples.getT2())))
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty());
        Mono<Optional<RunRecord>> last =
                runs.latestFinished(policy.name()).map(Optional::of).defaultIfEmpty(Optional.empty());
        Mono<Optional<RunRecord>> latest =
                runs.latest(policy.name()).map(Optional::of).defaultIfEmpty(Optional.empty());
        return Mono.zip(plan, last, latest).map(found -> {
            Optional<RunRecord> running = found.getT3().filter(run -> run.finishedAt() == null);
            String nextRun;
            try {
                nextRun = schedule.nextRun(policy).map(Instant::toString).orElse(null);
            } catch (IllegalArgumentException e) {
                nextRun = null;
            }
            return new PolicySummary(
                    policy.name(),
                    policy.registries(),
                    modeName(policy),
                    Boolean.TRUE.equals(policy.spec().suspend()),
                    policy.spec().schedule(),
                    policy.spec().timeZone() == null ? "UTC" : policy.spec().timeZone(),
                    nextRun,
                    found.getT1().orElse(null),
                    found.getT2().map(PolicySummary.Run::of).orElse(null),
                    running.map(PolicySummary.Run::of).orElse(null));
        });
    }

    /** A page of the policy's last plan: candidates ({@code kept} false) or kept sample, after {@code after}. */
    public Flux<PolicySummary.Item> page(String policy, boolean kept, long after, int limit) {
        return runner.latestPlan(policy)
                .flatMapMany(plan -> runner.items(plan.id(), kept, after, limit))
                .map(PolicySummary.Item::of);
    }

    /** The mode as the CRD spells it. */
    private static String modeName(ConfiguredCleanupPolicy policy) {
        return switch (CleanupRunner.mode(policy.spec())) {
            case PLAN -> "Plan";
            case APPLY -> "Apply";
            case APPLY_APPROVED -> "ApplyApproved";
        };
    }

    private Mono<java.util.List<PolicySummary.Item>> items(long planId, boolean kept) {
        return runner.items(planId, kept, 0, PlanTally.SAMPLE)
                .map(PolicySummary.Item::of)
                .collectList();
    }
}
