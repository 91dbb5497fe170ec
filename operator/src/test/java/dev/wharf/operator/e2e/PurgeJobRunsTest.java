package dev.wharf.operator.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import dev.wharf.api.v1alpha1.registry.Registry;
import dev.wharf.operator.testing.RegistryOperator;
import dev.wharf.operator.testing.Samples;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.javaoperatorsdk.operator.Operator;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code spec.deletionPolicy: Delete} end to end without a cluster: a Registry on the test services' S3 with the
 * embedded database takes a push through the pod the operator renders; once the Registry is deleted, the purge Job the
 * operator renders, laid out on the same disk as the kubelet would mount it, runs the real runtime jar to completion
 * and purges the Registry; the Job's success then lets the Registry go.
 */
@EnableKubernetesMockClient(crud = true)
class PurgeJobRunsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Duration PURGE = Duration.ofSeconds(180);
    private static final KubernetesSerialization YAML = new KubernetesSerialization();
    private static final String NAMESPACE = "purge-e2e";
    private static final String REGISTRY = "doomed";
    private static final String ADMIN =
            "Basic " + Base64.getEncoder().encodeToString("admin:wharf-local-admin".getBytes(StandardCharsets.UTF_8));

    static KubernetesClient client;
    static Operator operator;

    @TempDir
    static Path pod;

    @BeforeAll
    static void startOperator() {
        operator = RegistryOperator.start(client, new SimpleMeterRegistry());
    }

    @AfterAll
    static void stopOperator() {
        operator.stop();
    }

    @Test
    void purgeJobShouldRunTheRuntimeJarToCompletionAndLetTheRegistryGo() throws Exception {
        createRegistryOnS3();
        StatefulSet statefulSet = await().atMost(TIMEOUT)
                .until(
                        () -> client.apps()
                                .statefulSets()
                                .inNamespace(NAMESPACE)
                                .withName(REGISTRY)
                                .get(),
                        Objects::nonNull);
        PodSpec registryPod = statefulSet.getSpec().getTemplate().getSpec();
        Container registryContainer = registryPod.getContainers().getFirst();
        KubeletMounts registryMounts = KubeletMounts.mount(
                client,
                NAMESPACE,
                registryPod,
                registryContainer,
                statefulSet.getSpec().getVolumeClaimTemplates(),
                pod.resolve("fs"));
        try (RuntimeChild runtime = RuntimeChild.start(
                registryMounts.environment(registryContainer),
                registryMounts.hostPath("/tmp"),
                pod.resolve("registry.log"))) {
            HttpResponse<String> push = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(runtime.uri("/generic/" + REGISTRY + "/app/1.0.0/app.txt"))
                                    .header("Authorization", ADMIN)
                                    .timeout(TIMEOUT)
                                    .PUT(HttpRequest.BodyPublishers.ofString("bytes the purge deletes from S3"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(push.statusCode())
                    .as(push.body() + "\n" + runtime.logTail())
                    .isEqualTo(201);
        }

        client.resources(Registry.class)
                .inNamespace(NAMESPACE)
                .withName(REGISTRY)
                .delete();
        Job job = await().atMost(TIMEOUT)
                .until(
                        () -> client.batch()
                                .v1()
                                .jobs()
                                .inNamespace(NAMESPACE)
                                .withName(REGISTRY + "-purge")
                                .get(),
                        Objects::nonNull);
        // The Job comes first (its configuration is owned by it); a kubelet waits for the ConfigMap, and so does this.
        await().atMost(TIMEOUT)
                .until(
                        () -> client.configMaps()
                                .inNamespace(NAMESPACE)
                                .withName(REGISTRY + "-purge")
                                .get(),
                        Objects::nonNull);
        PodSpec jobPod = job.getSpec().getTemplate().getSpec();
        Container purge = jobPod.getContainers().getFirst();
        // The same disk: the Job's claim of the data volume is the StatefulSet's, holding the embedded database.
        KubeletMounts jobMounts = KubeletMounts.mount(client, NAMESPACE, jobPod, purge, List.of(), pod.resolve("fs"));
        Path log = pod.resolve("purge.log");

        int exitCode = runToCompletion(jobMounts.environment(purge), purge.getArgs(), jobMounts.hostPath("/tmp"), log);

        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(exitCode).as(output).isZero();
        assertThat(output)
                .contains("Registry " + REGISTRY + " purged")
                .contains("\"files\":1")
                .contains("\"blobsDeleted\":1");
        client.batch()
                .v1()
                .jobs()
                .inNamespace(NAMESPACE)
                .resource(new JobBuilder(job)
                        .withNewStatus()
                        .addNewCondition()
                        .withType("Complete")
                        .withStatus("True")
                        .endCondition()
                        .endStatus()
                        .build())
                .updateStatus();
        await().atMost(TIMEOUT)
                .untilAsserted(() -> assertThat(client.resources(Registry.class)
                                .inNamespace(NAMESPACE)
                                .withName(REGISTRY)
                                .get())
                        .isNull());
    }

    /** The Registry, the sample users Secret its access names, and the Secret with the test S3 credentials. */
    private static void createRegistryOnS3() {
        Secret users = (Secret) Samples.all().stream()
                .filter(object -> object instanceof Secret
                        && object.getMetadata().getName().equals("wharf-local-users"))
                .findFirst()
                .orElseThrow();
        client.resource(asStored(new SecretBuilder(users)
                        .editMetadata()
                        .withNamespace(NAMESPACE)
                        .endMetadata()
                        .build()))
                .create();
        client.resource(asStored(new SecretBuilder()
                        .withNewMetadata()
                        .withName("s3-creds")
                        .withNamespace(NAMESPACE)
                        .endMetadata()
                        .withStringData(Map.of(
                                "accessKey", env("WHARF_TEST_S3_ACCESS_KEY"),
                                "secretKey", env("WHARF_TEST_S3_SECRET_KEY")))
                        .build()))
                .create();
        client.resource(YAML.unmarshal(
                        """
                        apiVersion: wharf.dev/v1alpha1
                        kind: Registry
                        metadata: {name: %s, namespace: %s}
                        spec:
                          format: generic
                          deletionPolicy: Delete
                          access:
                            usersSecret: wharf-local-users
                            rules: [{subjects: [{group: wharf-admins}], role: admin}]
                          storage:
                            s3: {endpoint: "%s", bucket: %s, region: %s, prefix: "purge-e2e/%s/",
                                 credentialsSecret: s3-creds}
                          database: {embedded: {}}
                        """.formatted(
                                        REGISTRY,
                                        NAMESPACE,
                                        env("WHARF_TEST_S3_ENDPOINT"),
                                        env("WHARF_TEST_S3_BUCKET"),
                                        env("WHARF_TEST_S3_REGION"),
                                        UUID.randomUUID()),
                        Registry.class))
                .create();
    }

    /** Runs the runtime jar as the Job's container would, with its arguments, and waits for it to exit. */
    private static int runToCompletion(Map<String, String> environment, List<String> args, Path tmpDir, Path log)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-Xmx256m",
                "-Djava.io.tmpdir=" + tmpDir,
                "dev.wharf.runtime.WharfRuntimeApplication"));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().clear();
        builder.environment().putAll(environment);
        builder.environment().put("CLASSPATH", RuntimeChild.JAR.toString());
        Process process = builder.start();
        if (!process.waitFor(PURGE.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("the purge did not exit within " + PURGE + ":\n" + Files.readString(log, StandardCharsets.UTF_8));
        }
        return process.exitValue();
    }

    /** The Secret as the API server stores it: {@code stringData} moved into base64 {@code data}. */
    private static Secret asStored(Secret secret) {
        Map<String, String> data = new LinkedHashMap<>(Objects.requireNonNullElse(secret.getData(), Map.of()));
        Objects.requireNonNullElse(secret.getStringData(), Map.<String, String>of())
                .forEach((key, value) ->
                        data.put(key, Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8))));
        return new SecretBuilder(secret).withData(data).withStringData(null).build();
    }

    private static String env(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            fail("this test needs " + name + ": run `scripts/test-services start` and then"
                    + " `eval \"$(scripts/test-services env)\"` in this shell (scripts/test does both)");
        }
        return value;
    }
}
