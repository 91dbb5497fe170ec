package dev.wharf.operator.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.wharf.api.v1alpha1.registry.Registry;
import dev.wharf.operator.testing.RegistryOperator;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.javaoperatorsdk.operator.Operator;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code spec.deletionPolicy}: what a deleted Registry's finalizer does with its data volume. */
@EnableKubernetesMockClient(crud = true)
class RegistryDeletionTest {

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
    void deleteWhenTheDeletionPolicyIsDeleteShouldDeleteTheDataVolume() {
        String ns = "delete";
        createWithVolume(ns, "Delete");

        client.resources(Registry.class).inNamespace(ns).withName("files").delete();

        await().atMost(TIMEOUT).untilAsserted(() -> {
            assertThat(client.resources(Registry.class)
                            .inNamespace(ns)
                            .withName("files")
                            .get())
                    .isNull();
            assertThat(client.persistentVolumeClaims()
                            .inNamespace(ns)
                            .withName("data-files-0")
                            .get())
                    .isNull();
        });
    }

    @Test
    void deleteWhenTheDeletionPolicyIsRetainShouldKeepTheDataVolume() {
        String ns = "retain";
        createWithVolume(ns, "Retain");

        client.resources(Registry.class).inNamespace(ns).withName("files").delete();

        await().atMost(TIMEOUT)
                .untilAsserted(() -> assertThat(client.resources(Registry.class)
                                .inNamespace(ns)
                                .withName("files")
                                .get())
                        .isNull());
        assertThat(client.persistentVolumeClaims()
                        .inNamespace(ns)
                        .withName("data-files-0")
                        .get())
                .isNotNull();
    }

    /** A filesystem Registry, its StatefulSet, and the claim the StatefulSet controller would make from it. */
    private static void createWithVolume(String namespace, String deletionPolicy) {
        client.resource(YAML.unmarshal("""
                        apiVersion: wharf.dev/v1alpha1
                        kind: Registry
                        metadata: {name: files, namespace: %s}
                        spec: {format: generic, storage: {filesystem: {}}, deletionPolicy: %s}
                        """.formatted(namespace, deletionPolicy), Registry.class))
                .create();
        StatefulSet statefulSet = await().atMost(TIMEOUT)
                .until(
                        () -> client.apps()
                                .statefulSets()
                                .inNamespace(namespace)
                                .withName("files")
                                .get(),
                        set -> set != null);
        PersistentVolumeClaim claim = new PersistentVolumeClaimBuilder(
                        statefulSet.getSpec().getVolumeClaimTemplates().getFirst())
                .editMetadata()
                .withName("data-files-0")
                .withNamespace(namespace)
                .endMetadata()
                .build();
        client.resource(claim).create();
        await().atMost(TIMEOUT)
                .untilAsserted(() -> assertThat(client.resources(Registry.class)
                                .inNamespace(namespace)
                                .withName("files")
                                .get()
                                .getMetadata()
                                .getFinalizers())
                        .isNotEmpty());
    }
}
