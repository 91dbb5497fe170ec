package dev.wharf.runtime.cleanup;

import dev.wharf.api.v1alpha1.cleanup.CleanupMode;
import dev.wharf.api.v1alpha1.cleanup.CleanupPolicySpec;
import dev.wharf.runtime.config.ConfiguredCleanupPolicy;
import dev.wharf.runtime.web.ServedRegistry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Plans and runs CleanupPolicies under their mode, each under the policy's lease so that one replica (and one request)
 * at a time works on a policy: mode Plan only plans; Apply plans and deletes the plan's candidates; ApplyApproved
 * deletes only when {@code spec.approvedPlan} is the new plan's hash. No run deletes more than {@code
 * maxDeletionsPerRun}: a larger plan deletes nothing. A run the runtime did not finish is completed from its stored
 * plan by {@link #resumeInterrupted}.
 */
public final class CleanupRunner {

    private static final Logger LOG = LoggerFactory.getLogger(CleanupRunner.class);

    private final PlanMaker maker;
    private final PlanStore plans;
    private final CleanupRuns runs;
    private final CleanupLease lease;
    private final PlanDeleter deleter;
    private final Function<String, ServedRegistry> served;
    private final Clock clock;
    private final @Nullable MeterRegistry meters;
    private final Set<String> working = ConcurrentHashMap.newKeySet();

    CleanupRunner(
            PlanMaker maker,
            PlanStore plans,
            CleanupRuns runs,
            CleanupLease lease,
            PlanDeleter deleter,
            Function<String, ServedRegistry> served,
            Clock clock,
            @Nullable MeterRegistry meters) {
        this.maker = maker;
        this.plans = plans;
        this.runs = runs;
        this.lease = lease;
        this.deleter = deleter;
        this.served = served;
        this.clock = clock;
        this.meters = meters;
    }

    /**
     * Plans the policy now and stores the plan; deletes nothing, whatever the mode.
     *
     * @return the plan; a {@link CleanupBusyException} when the policy is being worked on
     */
    public Mono<StoredPlan> plan(ConfiguredCleanupPolicy policy) {
        return leased(policy.name(), null, () -> maker.plan(policy, served, clock.instant()))
                .switchIfEmpty(Mono.error(() -> new CleanupBusyException(policy.name())));
    }

    /**
     * Runs the policy now under its mode.
     *
     * @param startedBy who asked for it
     * @return the finished run; a {@link CleanupBusyException} when the policy is being worked on
     */
    public Mono<RunRecord> run(ConfiguredCleanupPolicy policy, String startedBy) {
        return leased(policy.name(), null, () -> runLeased(policy, startedBy))
                .switchIfEmpty(Mono.error(() -> new CleanupBusyException(policy.name())));
    }

    /** Runs the policy for the scheduled time {@code slot}; empty when another replica runs or ran that slot. */
    Mono<RunRecord> runScheduled(ConfiguredCleanupPolicy policy, Instant slot) {
        return leased(policy.name(), slot, () -> runLeased(policy, "schedule"));
    }

    /** The policy's newest complete plan. */
    public Mono<StoredPlan> latestPlan(String policy) {
        return plans.latest(policy);
    }

    /** The policy's newest run, finished or under way. */
    public Mono<RunRecord> latestRun(String policy) {
        return runs.latest(policy);
    }

    /** The plan's candidates ({@code kept} false) or the kept sample, after position {@code after}. */
    public Flux<PlanItem> items(long planId, boolean kept, long after, int limit) {
        return plans.items(planId, kept, after, limit);
    }

    /**
     * Completes the runs that stopped with their runtime (found unfinished with their lease expired): each is recorded
     * {@link RunOutcome#Interrupted}, and the candidates of its plan that it had not deleted yet are deleted by a new
     * run, when the policy still applies in a deleting mode (under ApplyApproved, with the same approved hash).
     *
     * @param policies the configured policies, by name
     */
    public Flux<RunRecord> resumeInterrupted(Map<String, ConfiguredCleanupPolicy> policies) {
        return runs.unfinished()
                .filter(run -> !working.contains(run.policy()))
                .concatMap(run -> leased(run.policy(), null, () -> resume(run, policies.get(run.policy()))), 1);
    }

    private Mono<RunRecord> resume(RunRecord stopped, @Nullable ConfiguredCleanupPolicy policy) {
        Instant now = clock.instant();
        String left = "the runtime stopped during this run, after " + stopped.deleted() + " deletions";
        Long planId = stopped.planId();
        if (policy == null || planId == null || stopped.mode().equals(CleanupMode.PLAN.name())) {
            return runs.finish(
                    stopped.id(),
                    RunOutcome.Interrupted,
                    stopped.deleted(),
                    stopped.freedBytes(),
                    stopped.gone(),
                    left + "; the next run plans again",
                    now);
        }
        return runs.finish(
                        stopped.id(),
                        RunOutcome.Interrupted,
                        stopped.deleted(),
                        stopped.freedBytes(),
                        stopped.gone(),
                        left + "; a new run completes its plan",
                        now)
                .then(plans.find(planId))
                .flatMap(plan -> {
                    CleanupPolicySpec spec = policy.spec();
                    if (mode(spec) == CleanupMode.APPLY_APPROVED && !plan.hash().equals(spec.approvedPlan())) {
                        return runs.latest(policy.name());
                    }
                    return runs.start(
                                    policy.name(), stopped.mode(), "resume of run " + stopped.id(), lease.holder(), now)
                            .flatMap(runId -> runs.planned(runId, plan.id()).then(apply(policy, plan, runId)));
                });
    }

    private Mono<RunRecord> runLeased(ConfiguredCleanupPolicy policy, String startedBy) {
        CleanupPolicySpec spec = policy.spec();
        CleanupMode mode = mode(spec);
        Instant now = clock.instant();
        return runs.start(policy.name(), mode.name(), startedBy, lease.holder(), now)
                .flatMap(runId -> maker.plan(policy, served, now)
                        .flatMap(plan -> runs.planned(runId, plan.id()).then(decide(policy, plan, runId)))
                        .onErrorResume(e -> {
                            LOG.warn("CleanupPolicy {} failed: {}", policy.name(), e.toString());
                            return runs.finish(
                                    runId,
                                    RunOutcome.Failed,
                                    0,
                                    0,
                                    0,
                                    "the run failed: " + e.getMessage(),
                                    clock.instant());
                        }))
                .doOnNext(this::record);
    }

    private Mono<RunRecord> decide(ConfiguredCleanupPolicy policy, StoredPlan plan, long runId) {
        CleanupPolicySpec spec = policy.spec();
        CleanupMode mode = mode(spec);
        String planned =
                "planned " + plan.candidates() + " candidates (" + plan.bytes() + " bytes), hash " + plan.hash();
        Integer max = spec.maxDeletionsPerRun();
        if (mode == CleanupMode.PLAN) {
            return finish(runId, RunOutcome.Planned, planned + "; mode Plan deletes nothing");
        }
        if (max != null && plan.candidates() > max) {
            return finish(
                    runId,
                    RunOutcome.OverLimit,
                    planned + "; that is more than maxDeletionsPerRun " + max
                            + ", so nothing was deleted: narrow the rules or raise the limit");
        }
        if (mode == CleanupMode.APPLY_APPROVED && !plan.hash().equals(spec.approvedPlan())) {
            return finish(runId, RunOutcome.NotApproved, notApproved(spec.approvedPlan(), plan.hash()));
        }
        return apply(policy, plan, runId);
    }

    /** Why an ApplyApproved run deleted nothing, naming both hashes. */
    public static String notApproved(@Nullable String approved, String current) {
        return (approved == null ? "spec.approvedPlan is not set" : "spec.approvedPlan is " + approved)
                + ", but the current plan's hash is " + current
                + ": nothing was deleted; review the plan and set spec.approvedPlan to " + current + " to apply it";
    }

    private Mono<RunRecord> apply(ConfiguredCleanupPolicy policy, StoredPlan plan, long runId) {
        PlanDeleter.Counts counts = new PlanDeleter.Counts();
        return deleter.delete(plan, counts, progress -> {
                    LOG.info(
                            "CleanupPolicy {}: {} of {} candidates deleted ({} bytes), {} gone already",
                            policy.name(),
                            progress.deleted.get(),
                            plan.candidates(),
                            progress.freed.get(),
                            progress.gone.get());
                    runs.progress(runId, progress.deleted.get(), progress.freed.get(), progress.gone.get())
                            .subscribe(null, e -> LOG.warn("Cannot record cleanup progress: {}", e.toString()));
                })
                .flatMap(done -> runs.finish(
                        runId,
                        RunOutcome.Applied,
                        done.deleted.get(),
                        done.freed.get(),
                        done.gone.get(),
                        "deleted " + done.deleted.get() + " of the plan's " + plan.candidates() + " candidates ("
                                + done.freed.get() + " bytes); " + done.gone.get()
                                + " were deleted already; plan " + plan.hash(),
                        clock.instant()))
                .doOnNext(this::countDeleted);
    }

    private Mono<RunRecord> finish(long runId, RunOutcome outcome, String message) {
        return runs.finish(runId, outcome, 0, 0, 0, message, clock.instant());
    }

    private void record(RunRecord run) {
        LOG.info(
                "CleanupPolicy {} run {} by {}: {}: {}",
                run.policy(),
                run.id(),
                run.startedBy(),
                run.outcome(),
                run.message());
        if (meters != null) {
            Counter.builder("wharf.cleanup.runs")
                    .description("Cleanup policy runs, by outcome")
                    .tag("policy", run.policy())
                    .tag("outcome", String.valueOf(run.outcome()))
                    .register(meters)
                    .increment();
        }
    }

    private void countDeleted(RunRecord run) {
        if (meters != null) {
            Counter.builder("wharf.cleanup.versions.deleted")
                    .description("Versions deleted by cleanup policies")
                    .tag("policy", run.policy())
                    .register(meters)
                    .increment((double) run.deleted());
            Counter.builder("wharf.cleanup.bytes.freed")
                    .description("Bytes of the versions deleted by cleanup policies")
                    .tag("policy", run.policy())
                    .register(meters)
                    .increment((double) run.freedBytes());
        }
    }

    static CleanupMode mode(CleanupPolicySpec spec) {
        return Objects.requireNonNullElse(spec.mode(), CleanupMode.PLAN);
    }

    /**
     * Does {@code work} holding the policy's lease, renewed meanwhile and given back after; empty when the lease is
     * taken (by another replica, or by another request to this one).
     */
    private <T> Mono<T> leased(String policy, @Nullable Instant slot, Supplier<Mono<T>> work) {
        return Mono.defer(() -> {
            if (!working.add(policy)) {
                return Mono.empty();
            }
            return lease.take(policy, clock.instant(), slot)
                    .flatMap(taken -> taken
                            ? Mono.usingWhen(
                                    Mono.fromSupplier(() -> renewing(policy)),
                                    renewal -> work.get(),
                                    renewal -> release(policy, renewal))
                            : Mono.<T>empty())
                    .doFinally(signal -> working.remove(policy));
        });
    }

    private Disposable renewing(String policy) {
        java.time.Duration every = lease.duration().dividedBy(3);
        return Flux.interval(every, every)
                .onBackpressureDrop()
                .concatMap(tick -> lease.renew(policy, clock.instant()).onErrorResume(e -> Mono.just(false)), 1)
                .subscribe();
    }

    private Mono<Void> release(String policy, Disposable renewal) {
        renewal.dispose();
        return lease.release(policy);
    }
}
