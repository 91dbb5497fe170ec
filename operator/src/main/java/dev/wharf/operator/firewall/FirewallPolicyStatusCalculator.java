package dev.wharf.operator.firewall;

import dev.wharf.api.v1alpha1.common.Condition;
import dev.wharf.api.v1alpha1.common.ConditionStatus;
import dev.wharf.api.v1alpha1.common.Patterns;
import dev.wharf.api.v1alpha1.firewall.FirewallPolicy;
import dev.wharf.api.v1alpha1.firewall.FirewallPolicyStatus;
import dev.wharf.operator.runtimestatus.FirewallPolicyReport;
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
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Computes a FirewallPolicy's whole status from the Registries it guards and what their runtimes last reported of it:
 * PolicyValid (its rules compiled, or each problem with the expression's line and column), Ready, the verdict counts
 * summed over the Registries and the time of the oldest advisories loaded. No I/O.
 */
public final class FirewallPolicyStatusCalculator {

    /** The condition saying whether the policy's rules compiled. */
    public static final String POLICY_VALID = "PolicyValid";

    private FirewallPolicyStatusCalculator() {}

    /**
     * The status the policy should have.
     *
     * @param selected the Registries it guards, sorted
     * @param reports the last runtime report of each guarded Registry that has one
     * @param previous its status now, whose transition times are kept
     */
    public static FirewallPolicyStatus calculate(
            FirewallPolicy policy,
            List<String> selected,
            Map<String, RuntimeReport> reports,
            @Nullable FirewallPolicyStatus previous,
            Clock clock) {
        String name = policy.getMetadata().getName();
        List<FirewallPolicyReport> reported = new ArrayList<>();
        selected.forEach(registry -> Optional.ofNullable(reports.get(registry))
                .flatMap(report -> report.firewallPolicy(name))
                .ifPresent(reported::add));
        Long generation = policy.getMetadata().getGeneration();
        List<Condition> before = previous == null ? null : previous.conditions();
        List<String> problems = problems(reported);
        Condition valid = reported.isEmpty()
                ? Conditions.of(
                        POLICY_VALID,
                        ConditionStatus.UNKNOWN,
                        Reasons.AWAITING_RUNTIME,
                        "No runtime has compiled its rules yet.",
                        generation,
                        before,
                        clock)
                : problems.isEmpty()
                        ? Conditions.of(
                                POLICY_VALID,
                                ConditionStatus.TRUE,
                                Reasons.RULES_COMPILED,
                                "Every rule compiled.",
                                generation,
                                before,
                                clock)
                        : Conditions.of(
                                POLICY_VALID,
                                ConditionStatus.FALSE,
                                Reasons.INVALID_RULES,
                                invalid(problems),
                                generation,
                                before,
                                clock);
        Condition ready = ready(policy, selected, reported, problems, generation, before, clock);
        return new FirewallPolicyStatus(
                List.of(ready, valid),
                generation,
                Selections.listed(selected),
                advisoriesUpdated(reported),
                counts(reported));
    }

    private static Condition ready(
            FirewallPolicy policy,
            List<String> selected,
            List<FirewallPolicyReport> reported,
            List<String> problems,
            @Nullable Long generation,
            @Nullable List<Condition> before,
            Clock clock) {
        String cut = Selections.cut(selected.size());
        if (selected.isEmpty()) {
            return Conditions.of(
                    Conditions.READY,
                    ConditionStatus.FALSE,
                    Reasons.NO_REGISTRY_SELECTED,
                    "It guards no Registry in this namespace: no Registry is named in spec.targets.registries or"
                            + " uses an UpstreamProxy named in spec.targets.upstreamProxies.",
                    generation,
                    before,
                    clock);
        }
        if (reported.isEmpty()) {
            return Conditions.of(
                    Conditions.READY,
                    ConditionStatus.FALSE,
                    Reasons.AWAITING_RUNTIME,
                    "Waiting for the runtime of its " + Selections.registries(selected.size())
                            + " to report it: their pods are starting or have not loaded the configuration naming"
                            + " it yet." + cut,
                    generation,
                    before,
                    clock);
        }
        if (!problems.isEmpty()) {
            return Conditions.of(
                    Conditions.READY,
                    ConditionStatus.FALSE,
                    Reasons.INVALID_RULES,
                    "It is applied nowhere until its rules compile: see the PolicyValid condition.",
                    generation,
                    before,
                    clock);
        }
        String waiting = reported.size() < selected.size()
                ? " " + (selected.size() - reported.size()) + " of its " + Selections.registries(selected.size())
                        + " have not reported it yet."
                : "";
        String limitation = reported.stream()
                .map(FirewallPolicyReport::limitation)
                .filter(Objects::nonNull)
                .findFirst()
                .map(text -> " The runtime says: " + text + ".")
                .orElse("");
        return Conditions.of(
                Conditions.READY,
                ConditionStatus.TRUE,
                Reasons.APPLIED,
                bounded(
                        "Applied in mode " + mode(policy) + " to " + Selections.registries(reported.size()) + "."
                                + waiting + limitation + cut,
                        Patterns.MESSAGE_MAX),
                generation,
                before,
                clock);
    }

    private static String mode(FirewallPolicy policy) {
        return policy.getSpec().mode().name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Each problem once, as a person reads it, in the order the runtimes give them. */
    private static List<String> problems(List<FirewallPolicyReport> reported) {
        return reported.stream()
                .flatMap(report ->
                        Objects.requireNonNullElse(report.problems(), List.<FirewallPolicyReport.Problem>of()).stream())
                .map(FirewallPolicyReport.Problem::describe)
                .distinct()
                .toList();
    }

    private static String invalid(List<String> problems) {
        return bounded(
                "Its rules do not compile, so it is applied nowhere: "
                        + problems.stream().collect(Collectors.joining("; ")) + ".",
                Patterns.MESSAGE_MAX);
    }

    /** The oldest load time among the runtimes that loaded advisories: how stale the staler Registry is. */
    private static @Nullable String advisoriesUpdated(List<FirewallPolicyReport> reported) {
        return reported.stream()
                .map(FirewallPolicyReport::advisories)
                .filter(Objects::nonNull)
                .map(FirewallPolicyReport.Advisories::loadedAt)
                .filter(Objects::nonNull)
                .filter(time -> instant(time).isPresent())
                .min(Comparator.comparing(time -> instant(time).orElseThrow()))
                .orElse(null);
    }

    private static FirewallPolicyStatus.@Nullable Counts counts(List<FirewallPolicyReport> reported) {
        List<FirewallPolicyReport.Counts> counts = reported.stream()
                .map(FirewallPolicyReport::counts)
                .filter(Objects::nonNull)
                .toList();
        if (counts.isEmpty()) {
            return null;
        }
        return new FirewallPolicyStatus.Counts(
                counts.stream()
                        .mapToLong(FirewallPolicyReport.Counts::evaluated)
                        .sum(),
                counts.stream().mapToLong(FirewallPolicyReport.Counts::warned).sum(),
                counts.stream().mapToLong(FirewallPolicyReport.Counts::blocked).sum());
    }

    private static Optional<Instant> instant(String time) {
        try {
            return Optional.of(Instant.parse(time));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static String bounded(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
