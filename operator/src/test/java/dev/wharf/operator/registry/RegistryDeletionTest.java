package dev.wharf.operator.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.wharf.api.v1alpha1.registry.Registry;
import dev.wharf.operator.testing.GoldenFiles;
import dev.wharf.operator.testing.RegistryOperator;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.javaoperatorsdk.operator.Operator;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code spec.deletionPolicy}: what a deleted Registry's finalizer does with its data volume, and with its S3 objects
 * and PostgreSQL rows through the purge Job.
 */
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

    @Test
    void deleteWhenTheDeletionPolicyIsDeleteWithS3ShouldStopThePodsAndKeepTheRegistryWhileThePurgeJobRuns() {
        String ns = "purge-running";
        createWithS3(ns, "Delete");

        client.resources(Registry.class).inNamespace(ns).withName("images").delete();

        Job job = awaitPurgeJob(ns);
        assertThat(client.apps()
                        .deployments()
                        .inNamespace(ns)
                        .withName("images")
                        .get())
                .as("the Deployment is deleted before the Job is made")
                .isNull();
        GoldenFiles.assertMatches("purge/s3-postgres-job.yaml", List.of(job));
        await().during(Duration.ofSeconds(2))
                .atMost(TIMEOUT)
                .untilAsserted(() -> assertThat(client.resources(Registry.class)
                                .inNamespace(ns)
                                .withName("images")
                                .get())
                        .as("the Registry waits for its purge")
                        .isNotNull());
    }

    @Test
    void deleteWhenThePurgeJobSucceedsShouldRemoveTheRegistryAndTheJob() {
        String ns = "purge-succeeded";
        createWithS3(ns, "Delete");
        client.resources(Registry.class).inNamespace(ns).withName("images").delete();
        Job job = awaitPurgeJob(ns);

        finish(job, "Complete", "", "");

        await().atMost(TIMEOUT).untilAsserted(() -> {
            assertThat(client.resources(Registry.class)
                            .inNamespace(ns)
                            .withName("images")
                            .get())
                    .isNull();
            assertThat(client.batch()
                            .v1()
                            .jobs()
                            .inNamespace(ns)
                            .withName("images-purge")
                            .get())
                    .isNull();
        });
    }

    @Test
    void deleteWhenThePurgeJobFailsShouldKeepTheRegistryAndReportTheJobOnIt() {
        String ns = "purge-failed";
        createWithS3(ns, "Delete");
        client.resources(Registry.class).inNamespace(ns).withName("images").delete();
        Job job = awaitPurgeJob(ns);

        finish(job, "Failed", "BackoffLimitExceeded", "Job has reached the specified backoff limit");

        Event event = await().atMost(TIMEOUT)
                .until(
                        () -> client.v1().events().inNamespace(ns).list().getItems().stream()
                                .filter(candidate -> "PurgeFailed".equals(candidate.getReason()))
                                .findFirst()
                                .orElse(null),
                        found -> found != null);
        assertThat(event.getType()).isEqualTo("Warning");
        assertThat(event.getInvolvedObject().getKind()).isEqualTo("Registry");
        assertThat(event.getInvolvedObject().getName()).isEqualTo("images");
        assertThat(event.getMessage())
                .contains("the purge Job images-purge failed (BackoffLimitExceeded: Job has reached the specified"
                        + " backoff limit)")
                .contains("kubectl logs -n purge-failed job/images-purge")
                .contains("delete the Job to run the purge again")
                .contains("kubectl patch registry -n purge-failed images --type json");
        Registry registry = client.resources(Registry.class)
                .inNamespace(ns)
                .withName("images")
                .get();
        assertThat(registry).isNotNull();
        assertThat(registry.getMetadata().getFinalizers()).isNotEmpty();
        assertThat(client.batch()
                        .v1()
                        .jobs()
                        .inNamespace(ns)
                        .withName("images-purge")
                        .get())
                .isNotNull();
    }

    @Test
    void deleteWhenTheDeletionPolicyIsRetainWithS3ShouldRunNoJob() {
        String ns = "purge-retain";
        createWithS3(ns, "Retain");

        client.resources(Registry.class).inNamespace(ns).withName("images").delete();

        await().atMost(TIMEOUT)
                .untilAsserted(() -> assertThat(client.resources(Registry.class)
                                .inNamespace(ns)
                                .withName("images")
                                .get())
                        .isNull());
        assertThat(client.batch().v1().jobs().inNamespace(ns).list().getItems()).isEmpty();
    }

    /** An S3 and PostgreSQL Registry, once its Deployment exists and its finalizer is on. */
    private static void createWithS3(String namespace, String deletionPolicy) {
        client.resource(YAML.unmarshal("""
                        apiVersion: wharf.dev/v1alpha1
                        kind: Registry
                        metadata: {name: images, namespace: %s}
                        spec:
                          format: docker
                          deletionPolicy: %s
                          storage: {s3: {endpoint: "http://minio.storage:9000", bucket: wharf, prefix: images/,
                                         credentialsSecret: minio-creds}}
                          database: {postgres: {secret: wharf-db}}
                        """.formatted(namespace, deletionPolicy), Registry.class))
                .create();
        await().atMost(TIMEOUT)
                .until(
                        () -> client.apps()
                                .deployments()
                                .inNamespace(namespace)
                                .withName("images")
                                .get(),
                        deployment -> deployment != null);
        await().atMost(TIMEOUT)
                .untilAsserted(() -> assertThat(client.resources(Registry.class)
                                .inNamespace(namespace)
                                .withName("images")
                                .get()
                                .getMetadata()
                                .getFinalizers())
                        .isNotEmpty());
    }

    private static Job awaitPurgeJob(String namespace) {
        return await().atMost(TIMEOUT)
                .until(
                        () -> client.batch()
                                .v1()
                                .jobs()
                                .inNamespace(namespace)
                                .withName("images-purge")
                                .get(),
                        job -> job != null);
    }

    /** Writes the Job's final status, as the Job controller would. */
    private static void finish(Job job, String type, String reason, String message) {
        Job finished = new JobBuilder(job)
                .withNewStatus()
                .addNewCondition()
                .withType(type)
                .withStatus("True")
                .withReason(reason.isEmpty() ? null : reason)
                .withMessage(message.isEmpty() ? null : message)
                .endCondition()
                .endStatus()
                .build();
        client.batch()
                .v1()
                .jobs()
                .inNamespace(job.getMetadata().getNamespace())
                .resource(finished)
                .updateStatus();
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
