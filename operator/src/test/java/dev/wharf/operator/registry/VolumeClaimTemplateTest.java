package dev.wharf.operator.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.wharf.api.v1alpha1.registry.Registry;
import dev.wharf.operator.testing.RegistryOperator;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.javaoperatorsdk.operator.Operator;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A StatefulSet's volume claim templates are never rewritten: Kubernetes would refuse the update on every reconcile.
 * The CRD refuses a changed size or class; a Registry changed before that rule existed keeps its volume as made.
 */
@EnableKubernetesMockClient(crud = true)
class VolumeClaimTemplateTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final KubernetesSerialization YAML = new KubernetesSerialization();

    static KubernetesClient client;
    static Operator operator;
    static final MeterRegistry meters = new SimpleMeterRegistry();

    @BeforeAll
    static void startOperator() {
        operator = RegistryOperator.start(client, meters);
    }

    @AfterAll
    static void stopOperator() {
        operator.stop();
    }

    @Test
    void reconcileWhenTheSizeChangedShouldKeepTheClaimTemplateAndNotFail() {
        String ns = "volume";
        client.resource(registry(ns, "50Gi")).create();
        await().atMost(TIMEOUT).until(() -> statefulSet(ns) != null);

        // The mock API server does not evaluate the CRD's rules: it lets the size change through.
        // The operator writes the status meanwhile: edit the latest object rather than replace a stale one.
        client.resources(Registry.class).inNamespace(ns).withName("files").edit(latest -> {
            latest.setSpec(registry(ns, "80Gi").getSpec());
            return latest;
        });

        await().atMost(TIMEOUT)
                .untilAsserted(() -> assertThat(RegistryOperator.observedStatus(client, ns, "files")
                                .observedGeneration())
                        .isEqualTo(2L));
        assertThat(statefulSet(ns)
                        .getSpec()
                        .getVolumeClaimTemplates()
                        .getFirst()
                        .getSpec()
                        .getResources()
                        .getRequests())
                .containsEntry("storage", new Quantity("50Gi"));
        assertThat(RegistryOperator.failedReconciles(meters, "Registry")).isZero();
    }

    private static Registry registry(String namespace, String size) {
        return YAML.unmarshal("""
                apiVersion: wharf.dev/v1alpha1
                kind: Registry
                metadata: {name: files, namespace: %s}
                spec: {format: generic, storage: {filesystem: {size: %s}}}
                """.formatted(namespace, size), Registry.class);
    }

    private static StatefulSet statefulSet(String namespace) {
        return client.apps()
                .statefulSets()
                .inNamespace(namespace)
                .withName("files")
                .get();
    }
}
