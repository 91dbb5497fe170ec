package dev.wharf.operator.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.wharf.api.v1alpha1.registry.Registry;
import dev.wharf.operator.testing.RegistryOperator;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.javaoperatorsdk.operator.Operator;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Objects;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Many Registries at once: each gets its objects and a status, and no reconcile fails. */
@EnableKubernetesMockClient(crud = true)
class ManyRegistriesTest {

    private static final int REGISTRIES = 200;
    private static final KubernetesSerialization YAML = new KubernetesSerialization();

    static KubernetesClient client;
    static Operator operator;
    static final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @BeforeAll
    static void startOperator() {
        operator = RegistryOperator.start(client, meters);
    }

    @AfterAll
    static void stopOperator() {
        operator.stop();
    }

    @Test
    void reconcileWhenTwoHundredRegistriesAreCreatedShouldRenderAndObserveEveryOneWithoutError() {
        String ns = "many";
        for (int i = 0; i < REGISTRIES; i++) {
            client.resource(YAML.unmarshal("""
                            apiVersion: wharf.dev/v1alpha1
                            kind: Registry
                            metadata: {name: files-%d, namespace: %s}
                            spec: {format: generic}
                            """.formatted(i, ns), Registry.class))
                    .create();
        }

        await().atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> {
                    long observed = client.resources(Registry.class).inNamespace(ns).list().getItems().stream()
                            .filter(registry -> registry.getStatus() != null
                                    && Objects.equals(
                                            registry.getStatus().observedGeneration(),
                                            registry.getMetadata().getGeneration()))
                            .count();
                    assertThat(observed).isEqualTo(REGISTRIES);
                });
        assertThat(client.configMaps().inNamespace(ns).list().getItems()).hasSize(REGISTRIES);
        assertThat(client.apps().statefulSets().inNamespace(ns).list().getItems())
                .hasSize(REGISTRIES);
        assertThat(client.services().inNamespace(ns).list().getItems()).hasSize(REGISTRIES);
        // The success count proves the failure count is read from the right meters.
        assertThat(RegistryOperator.successfulReconciles(meters, "Registry")).isGreaterThanOrEqualTo(REGISTRIES);
        assertThat(RegistryOperator.failedReconciles(meters, "Registry")).isZero();
    }
}
