package dev.wharf.operator.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.api.v1alpha1.common.Condition;
import dev.wharf.api.v1alpha1.common.ConditionStatus;
import dev.wharf.api.v1alpha1.registry.Registry;
import dev.wharf.api.v1alpha1.registry.RegistryStatus;
import dev.wharf.operator.references.ReferenceProblem;
import dev.wharf.operator.references.RegistryInputs;
import dev.wharf.operator.status.Conditions;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** A Registry's status computed from its inputs and what runs. */
class RegistryStatusCalculatorTest {

    private static final Clock FIRST = Clock.fixed(Instant.parse("2026-01-01T08:00:00Z"), ZoneOffset.UTC);
    private static final Clock LATER = Clock.fixed(Instant.parse("2026-01-01T09:00:00Z"), ZoneOffset.UTC);
    private static final Observed READY_POD = new Observed(true, 1, 1, "Bound", null, null, null, null);

    @Test
    void calculateWhenNothingChangedShouldKeepTheTransitionTimesAndBeEqual() {
        RegistryInputs inputs = inputs("generic", List.of());
        RegistryStatus first = RegistryStatusCalculator.calculate(inputs, READY_POD, null, FIRST);

        RegistryStatus again = RegistryStatusCalculator.calculate(inputs, READY_POD, first, LATER);

        assertThat(again).isEqualTo(first);
        assertThat(ready(again).lastTransitionTime()).isEqualTo("2026-01-01T08:00:00Z");
    }

    @Test
    void calculateWhenAReferenceIsMissingShouldCarryItsReasonIntoReady() {
        RegistryInputs inputs = inputs(
                "generic", List.of(new ReferenceProblem("SecretNotFound", "spec.access.usersSecret names Secret u")));

        RegistryStatus status = RegistryStatusCalculator.calculate(inputs, READY_POD, null, FIRST);

        assertThat(ready(status).status()).isEqualTo(ConditionStatus.FALSE);
        assertThat(ready(status).reason()).isEqualTo("SecretNotFound");
        assertThat(ready(status).message()).isEqualTo("ConfigResolved: spec.access.usersSecret names Secret u");
    }

    @Test
    void calculateWhenTheFormatIsNotServedShouldSayUnsupportedFormatFirst() {
        RegistryStatus status = RegistryStatusCalculator.calculate(
                inputs("cargo", List.of(new ReferenceProblem("SecretNotFound", "x"))),
                new Observed(false, 0, null, null, null, null, null, null),
                null,
                FIRST);

        assertThat(ready(status).reason()).isEqualTo("UnsupportedFormat");
        assertThat(status.conditions())
                .extracting(Condition::type)
                .containsExactly("Ready", "ConfigResolved", "StorageReady", "Available");
    }

    @Test
    void calculateWhenReadyGoesFalseShouldTakeTheNewTransitionTime() {
        RegistryInputs inputs = inputs("generic", List.of());
        RegistryStatus first = RegistryStatusCalculator.calculate(inputs, READY_POD, null, FIRST);

        RegistryStatus down = RegistryStatusCalculator.calculate(
                inputs, new Observed(true, 0, 1, "Bound", null, null, null, null), first, LATER);

        assertThat(ready(down).reason()).isEqualTo("PodsStarting");
        assertThat(ready(down).lastTransitionTime()).isEqualTo("2026-01-01T09:00:00Z");
    }

    @Test
    void calculateWhenPodsServeButTheRolloutIsNotCompleteShouldBeAvailableButNotReady() {
        RegistryStatus status = RegistryStatusCalculator.calculate(
                inputs("generic", List.of()),
                new Observed(true, 1, 2, "Bound", null, null, "1 of 2 pods run the current template", null),
                null,
                FIRST);

        assertThat(condition(status, "Available").status()).isEqualTo(ConditionStatus.TRUE);
        assertThat(ready(status).status()).isEqualTo(ConditionStatus.FALSE);
        assertThat(ready(status).reason()).isEqualTo("RolloutInProgress");
        assertThat(ready(status).message())
                .isEqualTo("The rollout is not complete: 1 of 2 pods run the current template.");
    }

    @Test
    void calculateWhenANewPodCannotPullItsImageWhileOldOnesServeShouldBeNotReadyWithThePodsReason() {
        PodFailure failure = new PodFailure(
                "files-7c-x", "ImagePullBackOff", "Pod files-7c-x: container registry is in ImagePullBackOff.");

        RegistryStatus status = RegistryStatusCalculator.calculate(
                inputs("generic", List.of()),
                new Observed(true, 1, 1, "Bound", null, null, "0 of 1 pods run the current template", failure),
                null,
                FIRST);

        assertThat(condition(status, "Available").status()).isEqualTo(ConditionStatus.TRUE);
        assertThat(ready(status).reason()).isEqualTo("PodsFailing");
        assertThat(ready(status).message())
                .isEqualTo("The rollout is stuck: Pod files-7c-x: container registry is in ImagePullBackOff.");
    }

    @Test
    void calculateWhenNoPodIsReadyAndOneCrashLoopsShouldBeUnavailableWithThePodsReason() {
        PodFailure failure = new PodFailure(
                "files-0", "CrashLoopBackOff", "Pod files-0: container registry is in CrashLoopBackOff.");

        RegistryStatus status = RegistryStatusCalculator.calculate(
                inputs("generic", List.of()),
                new Observed(true, 0, 1, "Bound", null, null, null, failure),
                null,
                FIRST);

        assertThat(condition(status, "Available").reason()).isEqualTo("PodsFailing");
        assertThat(ready(status).reason()).isEqualTo("PodsFailing");
        assertThat(ready(status).message())
                .isEqualTo("Available: Pod files-0: container registry is in CrashLoopBackOff.");
    }

    @Test
    void failedWhenAReconcileFailsShouldOnlyTurnReadyFalseAndKeepTheRest() {
        RegistryInputs inputs = inputs("generic", List.of());
        RegistryStatus ready = RegistryStatusCalculator.calculate(inputs, READY_POD, null, FIRST);

        RegistryStatus failed =
                RegistryStatusCalculator.failed(inputs.registry(), ready, "Retrying", "Retrying: timeout", LATER);

        assertThat(ready(failed).reason()).isEqualTo("Retrying");
        assertThat(ready(failed).lastTransitionTime()).isEqualTo("2026-01-01T09:00:00Z");
        assertThat(failed.conditions().subList(1, 4))
                .isEqualTo(ready.conditions().subList(1, 4));
        assertThat(failed.readyReplicas()).isEqualTo(1);
    }

    private static RegistryInputs inputs(String format, List<ReferenceProblem> problems) {
        Registry registry = new KubernetesSerialization().unmarshal("""
                apiVersion: wharf.dev/v1alpha1
                kind: Registry
                metadata: {name: r, namespace: ns, generation: 3}
                spec: {format: %s}
                """.formatted(format), Registry.class);
        return new RegistryInputs(registry, List.of(), List.of(), List.of(), List.of(), new TreeMap<>(), problems);
    }

    private static Condition condition(RegistryStatus status, String type) {
        Condition condition = Conditions.find(status.conditions(), type);
        assertThat(condition).isNotNull();
        return condition;
    }

    private static Condition ready(RegistryStatus status) {
        Condition ready = Conditions.find(status.conditions(), Conditions.READY);
        assertThat(ready).isNotNull();
        return ready;
    }
}
