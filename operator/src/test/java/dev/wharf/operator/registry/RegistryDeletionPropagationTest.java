package dev.wharf.operator.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.wharf.api.v1alpha1.registry.Registry;
import dev.wharf.operator.registry.dependents.RegistryObjects;
import dev.wharf.operator.testing.GarbageCollector;
import dev.wharf.operator.testing.RegistryOperator;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.javaoperatorsdk.operator.Operator;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code deletionPolicy: Delete} under each propagation policy of the Registry's deletion, with the garbage collector
 * played on the mock API server: the purge runs once the pods are gone, needs none of the objects the Registry owned,
 * and its success lets the Registry go.
 */
@EnableKubernetesMockClient(crud = true)
class RegistryDeletionPropagationTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(45);
    private static final KubernetesSerialization YAML = new KubernetesSerialization();
    private static final String NAME = "images";

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
    void foregroundDeletionShouldPurgeWithoutTheObjectsTheCollectorRemovedFirst() {
        String ns = "foreground";
        Registry registry = createWithS3(ns);
        Pod pod = client.resource(registryPod(registry)).create();

        new GarbageCollector(client).delete(registry, DeletionPropagation.FOREGROUND);

        assertThat(new GarbageCollector(client).owned(ns, registry.getMetadata().getUid()))
                .as("the collector removed what the Registry owned")
                .isEmpty();
        await().during(Duration.ofSeconds(3))
                .atMost(TIMEOUT)
                .untilAsserted(() -> assertThat(purgeJob(ns))
                        .as("no purge while a registry pod is still there, its workload gone or not")
                        .isNull());
        assertThat(registry(ns)).as("the Registry waits for its purge").isNotNull();

        client.resource(pod).delete();

        Job job = awaitPurgeJob(ns);
        assertNeedsNothingTheRegistryOwned(job, registry);
        finish(job);
        awaitGone(ns);
    }

    @Test
    void backgroundDeletionShouldPurgeAndRemoveTheRegistry() {
        String ns = "background";
        Registry registry = createWithS3(ns);
        GarbageCollector collector = new GarbageCollector(client);

        collector.delete(registry, DeletionPropagation.BACKGROUND);

        Job job = awaitPurgeJob(ns);
        assertThat(client.configMaps()
                        .inNamespace(ns)
                        .withName(RegistryObjects.configMapName(registry))
                        .get())
                .as("in the background, the owned objects stay until the Registry is gone")
                .isNotNull();
        assertNeedsNothingTheRegistryOwned(job, registry);
        finish(job);
        awaitGone(ns);
        collector.collect(ns, registry.getMetadata().getUid());
        assertThat(collector.owned(ns, registry.getMetadata().getUid())).isEmpty();
    }

    @Test
    void orphanDeletionShouldStillStopThePodsAndPurgeButLeaveTheOtherObjects() {
        String ns = "orphan";
        Registry registry = createWithS3(ns);

        new GarbageCollector(client).delete(registry, DeletionPropagation.ORPHAN);

        Job job = awaitPurgeJob(ns);
        assertThat(client.apps().deployments().inNamespace(ns).withName(NAME).get())
                .as("its pods must not write during the purge, orphaned or not")
                .isNull();
        assertNeedsNothingTheRegistryOwned(job, registry);
        finish(job);
        awaitGone(ns);
        ConfigMap orphaned = client.configMaps()
                .inNamespace(ns)
                .withName(RegistryObjects.configMapName(registry))
                .get();
        assertThat(orphaned).as("orphaned objects stay").isNotNull();
        assertThat(orphaned.getMetadata().getOwnerReferences()).isEmpty();
    }

    @Test
    void deleteBeforeTheFirstReconcileShouldRemoveTheRegistryWithoutAPurge() {
        String ns = "never-reconciled";
        // A finalizer of someone else's holds the Registry, so that it is deleted before the operator's first status.
        client.resource(YAML.unmarshal("""
                        apiVersion: wharf.dev/v1alpha1
                        kind: Registry
                        metadata: {name: images, namespace: never-reconciled, finalizers: [example.com/hold]}
                        spec:
                          format: docker
                          deletionPolicy: Delete
                          database: {postgres: {secret: wharf-db}}
                          storage: {s3: {endpoint: "http://minio.storage:9000", bucket: wharf,
                                         credentialsSecret: minio-creds}}
                          replicas: 0
                        """, Registry.class)).create();
        await().atMost(TIMEOUT).until(() -> registry(ns).getStatus() != null);
        // Its status says it was reconciled: the purge Job is made even though the collector took everything.
        Registry reconciled = registry(ns);
        new GarbageCollector(client).delete(reconciled, DeletionPropagation.FOREGROUND);

        Job job = awaitPurgeJob(ns);
        assertNeedsNothingTheRegistryOwned(job, reconciled);
    }

    /** The purge pod mounts its own configuration, runs as the namespace's default account and needs no owned object. */
    private static void assertNeedsNothingTheRegistryOwned(Job job, Registry registry) {
        PodSpec pod = job.getSpec().getTemplate().getSpec();
        assertThat(pod.getServiceAccountName()).isEqualTo("default");
        assertThat(pod.getAutomountServiceAccountToken()).isFalse();
        List<String> configMaps = pod.getVolumes().stream()
                .map(Volume::getConfigMap)
                .filter(Objects::nonNull)
                .map(source -> source.getName())
                .toList();
        assertThat(configMaps).containsExactly(NAME + "-purge");
        await().atMost(TIMEOUT).untilAsserted(() -> {
            ConfigMap configuration = client.configMaps()
                    .inNamespace(job.getMetadata().getNamespace())
                    .withName(NAME + "-purge")
                    .get();
            assertThat(configuration).as("the purge Job's own ConfigMap").isNotNull();
            assertThat(configuration.getData()).containsKey("registry.yaml");
            assertThat(configuration.getMetadata().getOwnerReferences())
                    .singleElement()
                    .satisfies(owner -> {
                        assertThat(owner.getKind()).isEqualTo("Job");
                        assertThat(owner.getUid()).isEqualTo(job.getMetadata().getUid());
                    });
        });
        assertThat(pod.getVolumes())
                .extracting(volume ->
                        volume.getSecret() == null ? "" : volume.getSecret().getSecretName())
                .doesNotContain(RegistryObjects.statusSecretName(registry));
        assertThat(job.getSpec().getActiveDeadlineSeconds()).isPositive();
        assertThat(job.getSpec().getBackoffLimit()).isPositive();
    }

    private static Registry createWithS3(String namespace) {
        client.resource(YAML.unmarshal("""
                        apiVersion: wharf.dev/v1alpha1
                        kind: Registry
                        metadata: {name: images, namespace: %s}
                        spec:
                          format: docker
                          deletionPolicy: Delete
                          storage: {s3: {endpoint: "http://minio.storage:9000", bucket: wharf, prefix: images/,
                                         credentialsSecret: minio-creds}}
                          database: {postgres: {secret: wharf-db}}
                        """.formatted(namespace), Registry.class))
                .create();
        await().atMost(TIMEOUT)
                .until(() -> client.apps()
                                .deployments()
                                .inNamespace(namespace)
                                .withName(NAME)
                                .get()
                        != null);
        return await().atMost(TIMEOUT)
                .until(
                        () -> registry(namespace),
                        registry -> registry.getStatus() != null
                                && registry.getMetadata().getFinalizers() != null
                                && !registry.getMetadata().getFinalizers().isEmpty());
    }

    /** A pod of the Registry as the Deployment's ReplicaSet would make it: its labels, no owner of ours. */
    private static Pod registryPod(Registry registry) {
        return new PodBuilder()
                .withNewMetadata()
                .withName(
                        NAME + "-7d9f8-" + registry.getMetadata().getNamespace().toLowerCase(Locale.ROOT))
                .withNamespace(registry.getMetadata().getNamespace())
                .withLabels(RegistryObjects.selectorLabels(registry))
                .endMetadata()
                .withNewSpec()
                .addNewContainer()
                .withName("registry")
                .withImage(RegistryOperator.IMAGE)
                .endContainer()
                .endSpec()
                .build();
    }

    private static @Nullable Registry registry(String namespace) {
        return client.resources(Registry.class)
                .inNamespace(namespace)
                .withName(NAME)
                .get();
    }

    private static @Nullable Job purgeJob(String namespace) {
        return client.batch()
                .v1()
                .jobs()
                .inNamespace(namespace)
                .withName(NAME + "-purge")
                .get();
    }

    private static Job awaitPurgeJob(String namespace) {
        return await().atMost(TIMEOUT).until(() -> purgeJob(namespace), Objects::nonNull);
    }

    private static void awaitGone(String namespace) {
        await().atMost(TIMEOUT).untilAsserted(() -> {
            assertThat(registry(namespace)).as("the Registry is removed").isNull();
            assertThat(purgeJob(namespace)).as("the purge Job is deleted").isNull();
        });
    }

    /** Writes the Job's success, as the Job controller would. */
    private static void finish(Job job) {
        client.batch()
                .v1()
                .jobs()
                .inNamespace(job.getMetadata().getNamespace())
                .resource(new JobBuilder(job)
                        .withNewStatus()
                        .addNewCondition()
                        .withType("Complete")
                        .withStatus("True")
                        .endCondition()
                        .endStatus()
                        .build())
                .updateStatus();
    }
}
