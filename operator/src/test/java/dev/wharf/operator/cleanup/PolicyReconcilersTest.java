package dev.wharf.operator.cleanup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.wharf.api.v1alpha1.cleanup.CleanupPolicy;
import dev.wharf.api.v1alpha1.common.Condition;
import dev.wharf.api.v1alpha1.common.ConditionStatus;
import dev.wharf.api.v1alpha1.firewall.FirewallPolicy;
import dev.wharf.api.v1alpha1.registry.Registry;
import dev.wharf.operator.status.Conditions;
import dev.wharf.operator.testing.RegistryOperator;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.javaoperatorsdk.operator.Operator;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The CleanupPolicy and FirewallPolicy controllers list the Registries their policies select, and keep it current. */
@EnableKubernetesMockClient(crud = true)
class PolicyReconcilersTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final KubernetesSerialization YAML = new KubernetesSerialization();

    static KubernetesClient client;
    static Operator operator;

    @BeforeAll
    static void startOperator() {
        operator = RegistryOperator.start(client, new SimpleMeterRegistry());
    }

    @AfterAll
    static void stopOperator() {
        operator.stop();
    }

    @Test
    void reconcileWhenACleanupPolicySelectsByLabelShouldListTheMatchingRegistriesAndFollowLabelChanges() {
        String ns = "cleanup";
        create(registry(ns, "a", "standard"));
        create(registry(ns, "b", "standard"));
        create(registry(ns, "c", "images"));
        create(YAML.unmarshal("""
                apiVersion: wharf.dev/v1alpha1
                kind: CleanupPolicy
                metadata: {name: standard, namespace: %s}
                spec:
                  registrySelector: {matchLabels: {wharf.dev/cleanup: standard}}
                  schedule: "@daily"
                  rules: [{name: old, olderThan: 90d}]
                """.formatted(ns), CleanupPolicy.class));
        await().atMost(TIMEOUT)
                .ignoreExceptions()
                .untilAsserted(() ->
                        assertThat(cleanup(ns).getStatus().selectedRegistries()).containsExactly("a", "b"));

        // A merge patch without a resourceVersion, as kubectl label does: it cannot conflict with a status write.
        client.resources(Registry.class)
                .inNamespace(ns)
                .withName("b")
                .patch(
                        PatchContext.of(PatchType.JSON_MERGE),
                        "{\"metadata\": {\"labels\": {\"wharf.dev/cleanup\": \"images\"}}}");

        await().atMost(TIMEOUT).ignoreExceptions().untilAsserted(() -> {
            CleanupPolicy policy = cleanup(ns);
            assertThat(policy.getStatus().selectedRegistries()).containsExactly("a");
            Condition ready = Conditions.find(policy.getStatus().conditions(), Conditions.READY);
            assertThat(ready).isNotNull();
            assertThat(ready.status()).isEqualTo(ConditionStatus.FALSE);
            assertThat(ready.reason()).isEqualTo("AwaitingRuntime");
            assertThat(ready.message())
                    .isEqualTo("Waiting for the runtime of its 1 Registry to report it: their pods are starting or"
                            + " have not loaded the configuration naming it yet.");
            assertThat(ready.observedGeneration())
                    .isEqualTo(policy.getMetadata().getGeneration());
        });
    }

    @Test
    void reconcileWhenAFirewallPolicyTargetsAProxyShouldListTheRegistriesUsingIt() {
        String ns = "firewall";
        create(YAML.unmarshal("""
                apiVersion: wharf.dev/v1alpha1
                kind: Registry
                metadata: {name: npm, namespace: %s}
                spec: {format: npm, upstreamProxies: [npmjs]}
                """.formatted(ns), Registry.class));
        create(registry(ns, "files", "none"));
        create(YAML.unmarshal("""
                apiVersion: wharf.dev/v1alpha1
                kind: FirewallPolicy
                metadata: {name: guard, namespace: %s}
                spec:
                  targets: {upstreamProxies: [npmjs], registries: [files]}
                  mode: audit
                  rules: [{name: cooldown, minimumAge: 72h, action: warn}]
                """.formatted(ns), FirewallPolicy.class));

        await().atMost(TIMEOUT)
                .ignoreExceptions()
                .untilAsserted(() -> assertThat(client.resources(FirewallPolicy.class)
                                .inNamespace(ns)
                                .withName("guard")
                                .get()
                                .getStatus()
                                .selectedRegistries())
                        .containsExactly("files", "npm"));
        FirewallPolicy policy = client.resources(FirewallPolicy.class)
                .inNamespace(ns)
                .withName("guard")
                .get();
        Condition ready = Conditions.find(policy.getStatus().conditions(), Conditions.READY);
        assertThat(ready).isNotNull();
        assertThat(ready.status()).isEqualTo(ConditionStatus.FALSE);
        assertThat(ready.reason()).isEqualTo("AwaitingRuntime");
        assertThat(ready.message())
                .isEqualTo("Waiting for the runtime of its 2 Registries to report it: their pods are starting or have"
                        + " not loaded the configuration naming it yet.");
        assertThat(ready.observedGeneration()).isEqualTo(policy.getMetadata().getGeneration());
        Condition valid = Conditions.find(policy.getStatus().conditions(), "PolicyValid");
        assertThat(valid).isNotNull();
        assertThat(valid.status()).isEqualTo(ConditionStatus.UNKNOWN);
    }

    @Test
    void reconcileWhenAPolicySelectsNothingShouldSayNoRegistrySelected() {
        String ns = "empty";
        create(YAML.unmarshal("""
                apiVersion: wharf.dev/v1alpha1
                kind: CleanupPolicy
                metadata: {name: standard, namespace: %s}
                spec:
                  registries: [absent]
                  schedule: "@daily"
                  rules: [{name: old, olderThan: 90d}]
                """.formatted(ns), CleanupPolicy.class));

        await().atMost(TIMEOUT).ignoreExceptions().untilAsserted(() -> {
            Condition ready = Conditions.find(cleanup(ns).getStatus().conditions(), Conditions.READY);
            assertThat(ready).isNotNull();
            assertThat(ready.status()).isEqualTo(ConditionStatus.FALSE);
            assertThat(ready.reason()).isEqualTo("NoRegistrySelected");
            assertThat(ready.message())
                    .isEqualTo("It selects no Registry in this namespace: check spec.registries or"
                            + " spec.registrySelector.");
        });
    }

    private static Registry registry(String namespace, String name, String cleanup) {
        return YAML.unmarshal("""
                apiVersion: wharf.dev/v1alpha1
                kind: Registry
                metadata: {name: %s, namespace: %s, labels: {wharf.dev/cleanup: %s}}
                spec: {format: generic}
                """.formatted(name, namespace, cleanup), Registry.class);
    }

    private static CleanupPolicy cleanup(String namespace) {
        return RegistryOperator.present(
                client.resources(CleanupPolicy.class)
                        .inNamespace(namespace)
                        .withName("standard")
                        .get(),
                "CleanupPolicy standard");
    }

    private static void create(HasMetadata resource) {
        client.resource(resource).create();
    }
}
