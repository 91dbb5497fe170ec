package dev.wharf.operator.cleanup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.api.v1alpha1.cleanup.CleanupPolicy;
import dev.wharf.api.v1alpha1.cleanup.CleanupPolicyStatus;
import dev.wharf.api.v1alpha1.common.Condition;
import dev.wharf.api.v1alpha1.common.ConditionStatus;
import dev.wharf.operator.runtimestatus.CleanupPolicyReport;
import dev.wharf.operator.runtimestatus.RuntimeReport;
import dev.wharf.operator.status.Conditions;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** A CleanupPolicy's status from its runtimes' reports: plans summed, runs, next run and an honest Ready. */
class CleanupPolicyStatusCalculatorTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC);
    private static final CleanupPolicy POLICY = new KubernetesSerialization().unmarshal("""
            apiVersion: wharf.dev/v1alpha1
            kind: CleanupPolicy
            metadata: {name: tidy, namespace: artifacts, generation: 4}
            spec:
              registries: [npm, pypi]
              schedule: "0 3 * * *"
              mode: Apply
              rules: [{name: old, olderThan: 90d}]
            """, CleanupPolicy.class);

    @Test
    void calculateWhenTwoRuntimesReportPlansShouldSumThemAndGiveNoHashToApprove() {
        CleanupPolicyStatus status = calculate(Map.of(
                "npm", report(plan("a".repeat(64), 3, 300), run("Applied", 2, 200, null), "2026-12-02T03:00:00Z"),
                "pypi", report(plan("b".repeat(64), 1, 50), null, "2026-12-02T03:00:00Z")));

        assertThat(status.plan()).isNotNull();
        assertThat(status.plan().hash()).isNull();
        assertThat(status.plan().candidates()).isEqualTo(4L);
        assertThat(status.plan().bytes()).isEqualTo(350L);
        assertThat(status.plan().sample())
                .extracting(CleanupPolicyStatus.Candidate::item)
                .containsExactly("app:1.0", "app:1.0");
        assertThat(status.lastRun().deleted()).isEqualTo(2L);
        assertThat(status.nextRun()).isEqualTo("2026-12-02T03:00:00Z");
        Condition ready = ready(status);
        assertThat(ready.status()).isEqualTo(ConditionStatus.TRUE);
        assertThat(ready.reason()).isEqualTo("Scheduled");
        assertThat(ready.message()).isEqualTo("Scheduled on 2 Registries; next run 2026-12-02T03:00:00Z; mode Apply.");
        assertThat(ready.observedGeneration()).isEqualTo(4L);
    }

    @Test
    void calculateWhenOneRuntimesLastRunFailedShouldBeRunFailedWithItsError() {
        CleanupPolicyStatus status = calculate(Map.of(
                "npm", report(plan("a".repeat(64), 3, 300), run("Failed", 0, 0, "the database did not answer"), null)));

        Condition ready = ready(status);
        assertThat(ready.status()).isEqualTo(ConditionStatus.FALSE);
        assertThat(ready.reason()).isEqualTo("RunFailed");
        assertThat(ready.message())
                .isEqualTo("The last run on Registry npm ended Failed: the database did not answer. 1 of its 2"
                        + " Registries have not reported it yet.");
        assertThat(status.lastRun().error()).isEqualTo("the database did not answer");
        assertThat(status.plan().hash()).isEqualTo("a".repeat(64));
    }

    @Test
    void calculateWhenThePlanIsNotApprovedShouldBeAwaitingApprovalNamingWhatToSet() {
        String error = "spec.approvedPlan is not set: nothing was deleted; review the plan and set spec.approvedPlan"
                + " to " + "c".repeat(64) + " to apply it";
        CleanupPolicyStatus status = calculate(Map.of(
                "npm", report(plan("c".repeat(64), 3, 300), run("NotApproved", 0, 0, error), null),
                "pypi", report(null, null, null)));

        Condition ready = ready(status);
        assertThat(ready.status()).isEqualTo(ConditionStatus.TRUE);
        assertThat(ready.reason()).isEqualTo("AwaitingApproval");
        assertThat(ready.message()).isEqualTo("The last run on Registry npm deleted nothing: " + error + ".");
    }

    @Test
    void calculateWhenNoRuntimeReportedThePolicyShouldBeAwaitingRuntimeAndKeepTheTransitionTime() {
        RuntimeReport withoutPolicy = new RuntimeReport(1, 1, List.of());
        CleanupPolicyStatus first = calculate(Map.of("npm", withoutPolicy));
        CleanupPolicyStatus later = CleanupPolicyStatusCalculator.calculate(
                POLICY, List.of("npm", "pypi"), Map.of(), first, Clock.offset(CLOCK, java.time.Duration.ofMinutes(5)));

        assertThat(ready(later).reason()).isEqualTo("AwaitingRuntime");
        assertThat(ready(later).lastTransitionTime()).isEqualTo("2026-12-01T10:00:00Z");
        assertThat(later.plan()).isNull();
        assertThat(later.lastRun()).isNull();
    }

    private static CleanupPolicyStatus calculate(Map<String, RuntimeReport> reports) {
        return CleanupPolicyStatusCalculator.calculate(POLICY, List.of("npm", "pypi"), reports, null, CLOCK);
    }

    private static Condition ready(CleanupPolicyStatus status) {
        Condition ready = Conditions.find(status.conditions(), Conditions.READY);
        assertThat(ready).isNotNull();
        return ready;
    }

    private static RuntimeReport report(
            CleanupPolicyReport.@Nullable Plan plan, CleanupPolicyReport.@Nullable Run run, @Nullable String nextRun) {
        return new RuntimeReport(
                1,
                1,
                List.of(),
                List.of(new CleanupPolicyReport("tidy", List.of("npm"), "Apply", false, nextRun, plan, run)),
                List.of());
    }

    private static CleanupPolicyReport.Plan plan(String hash, long candidates, long bytes) {
        return new CleanupPolicyReport.Plan(
                hash,
                "2026-12-01T03:00:00Z",
                candidates,
                bytes,
                List.of(new CleanupPolicyReport.Item("npm", "app:1.0", "old", "olderThan 90d")));
    }

    private static CleanupPolicyReport.Run run(String outcome, long deleted, long freed, @Nullable String error) {
        return new CleanupPolicyReport.Run("2026-12-01T03:00:10Z", outcome, deleted, freed, error);
    }
}
