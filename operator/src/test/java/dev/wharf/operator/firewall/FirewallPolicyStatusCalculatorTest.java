package dev.wharf.operator.firewall;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.api.v1alpha1.common.Condition;
import dev.wharf.api.v1alpha1.common.ConditionStatus;
import dev.wharf.api.v1alpha1.firewall.FirewallPolicy;
import dev.wharf.api.v1alpha1.firewall.FirewallPolicyStatus;
import dev.wharf.operator.runtimestatus.FirewallPolicyReport;
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

/** A FirewallPolicy's status from its runtimes' reports: counts summed, advisory age, PolicyValid and Ready. */
class FirewallPolicyStatusCalculatorTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC);
    private static final FirewallPolicy POLICY = new KubernetesSerialization().unmarshal("""
            apiVersion: wharf.dev/v1alpha1
            kind: FirewallPolicy
            metadata: {name: guard, namespace: artifacts, generation: 2}
            spec:
              targets: {upstreamProxies: [npmjs]}
              mode: enforce
              rules: [{name: cooldown, minimumAge: 72h, action: block}]
            """, FirewallPolicy.class);

    private static final FirewallPolicyReport.Problem TYPO = new FirewallPolicyReport.Problem(
            "spec.rules[1].expression", "custom", 2, 3, "undeclared reference to 'versoin'");

    @Test
    void calculateWhenEveryRuntimeAppliesThePolicyShouldSumCountsAndKeepTheOldestAdvisories() {
        FirewallPolicyStatus status = calculate(Map.of(
                "npm", report(true, List.of(), "2026-12-01T09:00:00Z", 10, 2, 1, "blocked versions still appear"),
                "web", report(true, List.of(), "2026-12-01T04:00:00Z", 5, 0, 3, null)));

        assertThat(status.counts()).isEqualTo(new FirewallPolicyStatus.Counts(15L, 2L, 4L));
        assertThat(status.advisoriesUpdated()).isEqualTo("2026-12-01T04:00:00Z");
        Condition ready = condition(status, Conditions.READY);
        assertThat(ready.status()).isEqualTo(ConditionStatus.TRUE);
        assertThat(ready.reason()).isEqualTo("Applied");
        assertThat(ready.message())
                .isEqualTo("Applied in mode enforce to 2 Registries. The runtime says: blocked versions still appear.");
        Condition valid = condition(status, "PolicyValid");
        assertThat(valid.status()).isEqualTo(ConditionStatus.TRUE);
        assertThat(valid.reason()).isEqualTo("RulesCompiled");
    }

    @Test
    void calculateWhenARuleDoesNotCompileShouldGiveEachProblemOnceWithItsPosition() {
        FirewallPolicyStatus status = calculate(Map.of(
                "npm", report(false, List.of(TYPO), null, 0, 0, 0, null),
                "web", report(false, List.of(TYPO), null, 0, 0, 0, null)));

        Condition valid = condition(status, "PolicyValid");
        assertThat(valid.status()).isEqualTo(ConditionStatus.FALSE);
        assertThat(valid.reason()).isEqualTo("InvalidRules");
        assertThat(valid.message())
                .isEqualTo("Its rules do not compile, so it is applied nowhere: spec.rules[1].expression (rule custom),"
                        + " line 2, column 3: undeclared reference to 'versoin'.");
        Condition ready = condition(status, Conditions.READY);
        assertThat(ready.status()).isEqualTo(ConditionStatus.FALSE);
        assertThat(ready.reason()).isEqualTo("InvalidRules");
    }

    @Test
    void calculateWhenItGuardsNoRegistryShouldBeNoRegistrySelected() {
        FirewallPolicyStatus status =
                FirewallPolicyStatusCalculator.calculate(POLICY, List.of(), Map.of(), null, CLOCK);

        Condition ready = condition(status, Conditions.READY);
        assertThat(ready.status()).isEqualTo(ConditionStatus.FALSE);
        assertThat(ready.reason()).isEqualTo("NoRegistrySelected");
        assertThat(condition(status, "PolicyValid").status()).isEqualTo(ConditionStatus.UNKNOWN);
        assertThat(status.counts()).isNull();
    }

    private static FirewallPolicyStatus calculate(Map<String, RuntimeReport> reports) {
        return FirewallPolicyStatusCalculator.calculate(POLICY, List.of("npm", "web"), reports, null, CLOCK);
    }

    private static Condition condition(FirewallPolicyStatus status, String type) {
        Condition condition = Conditions.find(status.conditions(), type);
        assertThat(condition).as(type).isNotNull();
        return condition;
    }

    private static RuntimeReport report(
            boolean applied,
            List<FirewallPolicyReport.Problem> problems,
            @Nullable String advisories,
            long evaluated,
            long warned,
            long blocked,
            @Nullable String limitation) {
        return new RuntimeReport(
                1,
                1,
                List.of(),
                List.of(),
                List.of(new FirewallPolicyReport(
                        "guard",
                        List.of("npm"),
                        "enforce",
                        applied,
                        problems,
                        advisories == null ? null : new FirewallPolicyReport.Advisories(advisories, 12),
                        new FirewallPolicyReport.Counts(evaluated, warned, blocked),
                        limitation)));
    }
}
