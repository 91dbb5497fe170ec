package dev.wharf.operator.cleanup;

import dev.wharf.api.v1alpha1.cleanup.CleanupPolicy;
import dev.wharf.api.v1alpha1.cleanup.CleanupPolicyStatus;
import dev.wharf.api.v1alpha1.common.Condition;
import dev.wharf.api.v1alpha1.common.ConditionStatus;
import dev.wharf.api.v1alpha1.common.Patterns;
import dev.wharf.operator.runtimestatus.CleanupPolicyReport;
import dev.wharf.operator.runtimestatus.RuntimeReport;
import dev.wharf.operator.status.Conditions;
import dev.wharf.operator.status.Reasons;
import dev.wharf.operator.status.Selections;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Computes a CleanupPolicy's whole status from the Registries it selects and what their runtimes last reported of it:
 * the plan (summed over the Registries; its hash only when one Registry has a plan, since each runtime plans and is
 * approved on its own), the last run, the next run and Ready. No I/O.
 */
public final class CleanupPolicyStatusCalculator {

    /** The most candidates {@code status.plan.sample} may hold, as the CRD schema says. */
    static final int SAMPLE_MAX = 20;

    private CleanupPolicyStatusCalculator() {}

    /** One selected Registry's report of the policy. */
    private record Reported(String registry, CleanupPolicyReport report) {}

    /**
     * The status the policy should have.
     *
     * @param selected the Registries it selects, sorted
     * @param reports the last runtime report of each selected Registry that has one
     * @param previous its status now, whose transition times are kept
     */
    public static CleanupPolicyStatus calculate(
            CleanupPolicy policy,
            List<String> selected,
            Map<String, RuntimeReport> reports,
            @Nullable CleanupPolicyStatus previous,
            Clock clock) {
        String name = policy.getMetadata().getName();
        List<Reported> reported = new ArrayList<>();
        selected.forEach(registry -> Optional.ofNullable(reports.get(registry))
                .flatMap(report -> report.cleanupPolicy(name))
                .ifPresent(report -> reported.add(new Reported(registry, report))));
        Long generation = policy.getMetadata().getGeneration();
        Condition ready = Conditions.of(
                Conditions.READY,
                ready(selected, reported),
                reason(selected, reported),
                message(selected, reported),
                generation,
                previous == null ? null : previous.conditions(),
                clock);
        return new CleanupPolicyStatus(
                List.of(ready),
                generation,
                Selections.listed(selected),
                plan(reported),
                lastRun(reported),
                nextRun(reported));
    }

    private static ConditionStatus ready(List<String> selected, List<Reported> reported) {
        String reason = reason(selected, reported);
        return reason.equals(Reasons.SCHEDULED)
                        || reason.equals(Reasons.SUSPENDED)
                        || reason.equals(Reasons.AWAITING_APPROVAL)
                ? ConditionStatus.TRUE
                : ConditionStatus.FALSE;
    }

    private static String reason(List<String> selected, List<Reported> reported) {
        if (selected.isEmpty()) {
            return Reasons.NO_REGISTRY_SELECTED;
        }
        if (reported.isEmpty()) {
            return Reasons.AWAITING_RUNTIME;
        }
        if (failed(reported).isPresent()) {
            return Reasons.RUN_FAILED;
        }
        if (notApproved(reported).isPresent()) {
            return Reasons.AWAITING_APPROVAL;
        }
        return reported.stream().allMatch(r -> r.report().suspended()) ? Reasons.SUSPENDED : Reasons.SCHEDULED;
    }

    private static String message(List<String> selected, List<Reported> reported) {
        String reason = reason(selected, reported);
        String waiting = reported.size() < selected.size() && !reported.isEmpty()
                ? " " + (selected.size() - reported.size()) + " of its " + Selections.registries(selected.size())
                        + " have not reported it yet."
                : "";
        String text = switch (reason) {
            case Reasons.NO_REGISTRY_SELECTED ->
                "It selects no Registry in this namespace: check spec.registries or spec.registrySelector.";
            case Reasons.AWAITING_RUNTIME ->
                "Waiting for the runtime of its " + Selections.registries(selected.size())
                        + " to report it: their pods are starting or have not loaded the configuration naming it yet.";
            case Reasons.RUN_FAILED -> {
                Reported run = failed(reported).orElseThrow();
                CleanupPolicyReport.Run last =
                        Objects.requireNonNull(run.report().lastRun());
                yield "The last run on Registry " + run.registry() + " ended " + last.outcome()
                        + (last.error() == null ? "" : ": " + last.error())
                        + "." + waiting;
            }
            case Reasons.AWAITING_APPROVAL -> {
                Reported run = notApproved(reported).orElseThrow();
                CleanupPolicyReport.Run last =
                        Objects.requireNonNull(run.report().lastRun());
                yield "The last run on Registry " + run.registry() + " deleted nothing"
                        + (last.error() == null ? "." : ": " + last.error() + ".") + waiting;
            }
            case Reasons.SUSPENDED ->
                "Its schedule is suspended (spec.suspend): it runs on its " + Selections.registries(selected.size())
                        + " only when asked." + waiting;
            default -> {
                String next = nextRun(reported);
                String mode = reported.getFirst().report().mode();
                yield "Scheduled on " + Selections.registries(reported.size())
                        + (next == null ? "" : "; next run " + next)
                        + (mode == null ? "" : "; mode " + mode)
                        + ("Plan".equals(mode) ? ", so it only plans and deletes nothing" : "")
                        + "." + waiting;
            }
        };
        return bounded(text + Selections.cut(selected.size()), Patterns.MESSAGE_MAX);
    }

    private static Optional<Reported> failed(List<Reported> reported) {
        return reported.stream()
                .filter(r -> r.report().lastRun() != null
                        && Objects.requireNonNull(r.report().lastRun()).failed())
                .findFirst();
    }

    private static Optional<Reported> notApproved(List<Reported> reported) {
        return reported.stream()
                .filter(r -> r.report().lastRun() != null
                        && Objects.requireNonNull(r.report().lastRun()).notApproved())
                .findFirst();
    }

    /** The plans summed; the hash only when one Registry has a plan, the sample the first candidates of each. */
    private static CleanupPolicyStatus.@Nullable Plan plan(List<Reported> reported) {
        List<CleanupPolicyReport.Plan> plans = reported.stream()
                .map(r -> r.report().plan())
                .filter(Objects::nonNull)
                .toList();
        if (plans.isEmpty()) {
            return null;
        }
        List<CleanupPolicyStatus.Candidate> sample = plans.stream()
                .flatMap(
                        plan -> Objects.requireNonNullElse(plan.sample(), List.<CleanupPolicyReport.Item>of()).stream())
                .limit(SAMPLE_MAX)
                .map(item -> new CleanupPolicyStatus.Candidate(
                        boundedOrNull(item.registry(), Patterns.RESOURCE_NAME_MAX),
                        boundedOrNull(item.item(), 512),
                        boundedOrNull(item.rule(), Patterns.RESOURCE_NAME_MAX),
                        boundedOrNull(item.why(), Patterns.TEXT_MAX)))
                .toList();
        return new CleanupPolicyStatus.Plan(
                plans.size() == 1 ? plans.getFirst().hash() : null,
                latest(plans.stream().map(CleanupPolicyReport.Plan::time)),
                plans.stream().mapToLong(CleanupPolicyReport.Plan::candidates).sum(),
                plans.stream().mapToLong(CleanupPolicyReport.Plan::bytes).sum(),
                sample);
    }

    /** The last runs summed: the latest time, the deletions of each Registry's last run, the first error. */
    private static CleanupPolicyStatus.@Nullable Run lastRun(List<Reported> reported) {
        List<CleanupPolicyReport.Run> runs = reported.stream()
                .map(r -> r.report().lastRun())
                .filter(Objects::nonNull)
                .toList();
        if (runs.isEmpty()) {
            return null;
        }
        return new CleanupPolicyStatus.Run(
                latest(runs.stream().map(CleanupPolicyReport.Run::time)),
                runs.stream().mapToLong(CleanupPolicyReport.Run::deleted).sum(),
                runs.stream().mapToLong(CleanupPolicyReport.Run::freedBytes).sum(),
                runs.stream()
                        .map(CleanupPolicyReport.Run::error)
                        .filter(Objects::nonNull)
                        .findFirst()
                        .map(error -> bounded(error, Patterns.MESSAGE_MAX))
                        .orElse(null));
    }

    /** The earliest next run of any of its Registries. */
    private static @Nullable String nextRun(List<Reported> reported) {
        return reported.stream()
                .map(r -> r.report().nextRun())
                .filter(Objects::nonNull)
                .filter(time -> instant(time).isPresent())
                .min(Comparator.comparing(time -> instant(time).orElseThrow()))
                .orElse(null);
    }

    private static @Nullable String latest(Stream<@Nullable String> times) {
        return times.filter(Objects::nonNull)
                .filter(time -> instant(time).isPresent())
                .max(Comparator.comparing(time -> instant(time).orElseThrow()))
                .orElse(null);
    }

    private static Optional<Instant> instant(@Nullable String time) {
        if (time == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(time));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static @Nullable String boundedOrNull(@Nullable String text, int max) {
        return text == null ? null : bounded(text, max);
    }

    private static String bounded(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
