package dev.wharf.operator.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.wharf.api.v1alpha1.registry.Registry;
import dev.wharf.operator.testing.RegistryOperator;
import dev.wharf.operator.testing.Samples;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.javaoperatorsdk.operator.Operator;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator's output and the runtime's input agree: the objects the real Operator renders for the sample generic
 * Registry (against the mock API server), laid out on disk as the kubelet would mount them, start the real runtime,
 * which then takes a push and serves it back with the sample's credentials.
 */
@EnableKubernetesMockClient(crud = true)
class RenderedConfigServesTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String NAMESPACE = Samples.LOCAL_NAMESPACE;
    private static final String REGISTRY = "generic";
    private static final String CONTAINER = "registry";
    /** The sample user of {@code samples/local/users.yaml}, whose password its comment documents. */
    private static final String ADMIN = basic("admin", "wharf-local-admin");

    static KubernetesClient client;
    static Operator operator;

    @TempDir
    static Path pod;

    static RuntimeChild runtime;

    @BeforeAll
    static void renderAndStartTheRuntime() {
        operator = RegistryOperator.start(client, new SimpleMeterRegistry());
        List<HasMetadata> samples = Samples.all();
        Secret users = (Secret) samples.stream()
                .filter(s -> s instanceof Secret && s.getMetadata().getName().equals("wharf-local-users"))
                .findFirst()
                .orElseThrow();
        client.resource(asStored(users)).create();
        client.resource(samples.stream()
                        .filter(s -> s instanceof Registry
                                && s.getMetadata().getNamespace().equals(NAMESPACE)
                                && s.getMetadata().getName().equals(REGISTRY))
                        .findFirst()
                        .orElseThrow())
                .create();

        Workload workload = await().atMost(TIMEOUT).until(RenderedConfigServesTest::workload, Objects::nonNull);
        Container container = workload.pod().getContainers().stream()
                .filter(c -> c.getName().equals(CONTAINER))
                .findFirst()
                .orElseThrow(() -> new AssertionError("the pod template has no container " + CONTAINER));
        KubeletMounts mounts =
                KubeletMounts.mount(client, NAMESPACE, workload.pod(), container, workload.claims(), pod.resolve("fs"));
        runtime =
                RuntimeChild.start(mounts.environment(container), mounts.hostPath("/tmp"), pod.resolve("runtime.log"));
    }

    @AfterAll
    static void stop() {
        if (runtime != null) {
            runtime.close();
        }
        operator.stop();
    }

    @Test
    void pushWithTheSampleAdminShouldBeServedBackByTheRuntimeTheOperatorConfigured() throws Exception {
        byte[] file = "the operator's output and the runtime's input agree\n".getBytes(StandardCharsets.UTF_8);
        URI uri = runtime.uri("/generic/generic/app/1.0.0/app.txt");

        HttpResponse<String> push = send(HttpRequest.newBuilder(uri)
                .header("Authorization", ADMIN)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(file)));
        assertThat(push.statusCode()).as(push.body() + "\n" + runtime.logTail()).isEqualTo(201);

        HttpResponse<byte[]> pull = http().send(
                        HttpRequest.newBuilder(uri)
                                .header("Authorization", ADMIN)
                                .timeout(TIMEOUT)
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
        assertThat(pull.statusCode()).isEqualTo(200);
        assertThat(pull.body()).isEqualTo(file);
    }

    @Test
    void pushWithAWrongPasswordShouldBeRefusedByTheUsersOfTheMountedSecret() throws Exception {
        HttpResponse<String> push = send(HttpRequest.newBuilder(runtime.uri("/generic/generic/app/1.0.1/app.txt"))
                .header("Authorization", basic("admin", "not-the-password"))
                .PUT(HttpRequest.BodyPublishers.ofString("refused")));

        assertThat(push.statusCode()).as(push.body()).isEqualTo(401);
    }

    @Test
    void metricsShouldBeScrapedOnThePodsMetricsPortAndRefusedOnItsHttpPort() throws Exception {
        HttpResponse<String> scrape = send(HttpRequest.newBuilder(runtime.metricsUri("/actuator/prometheus")));
        HttpResponse<String> throughHttp = send(HttpRequest.newBuilder(runtime.uri("/actuator/prometheus")));

        assertThat(scrape.statusCode()).as(runtime.logTail()).isEqualTo(200);
        assertThat(scrape.body()).contains("# TYPE jvm_memory_used_bytes gauge");
        assertThat(throughHttp.statusCode()).isEqualTo(404);
        assertThat(throughHttp.body()).contains("metrics are served on port");
    }

    @Test
    void thePackagedRuntimeStartsWithTheBeanDefinitionsPreparedWhenItWasBuilt() {
        assertThat(runtime.log()).contains("Starting AOT-processed WharfRuntimeApplication");
    }

    /** The rendered pod: a StatefulSet's for filesystem storage, a Deployment's otherwise. */
    private record Workload(PodSpec pod, List<PersistentVolumeClaim> claims) {}

    private static @Nullable Workload workload() {
        StatefulSet statefulSet = client.apps()
                .statefulSets()
                .inNamespace(NAMESPACE)
                .withName(REGISTRY)
                .get();
        if (statefulSet != null) {
            return new Workload(
                    statefulSet.getSpec().getTemplate().getSpec(),
                    statefulSet.getSpec().getVolumeClaimTemplates());
        }
        Deployment deployment = client.apps()
                .deployments()
                .inNamespace(NAMESPACE)
                .withName(REGISTRY)
                .get();
        return deployment == null
                ? null
                : new Workload(deployment.getSpec().getTemplate().getSpec(), List.of());
    }

    /** The Secret as the API server stores it: {@code stringData} moved into base64 {@code data}. */
    private static Secret asStored(Secret secret) {
        Map<String, String> data = new LinkedHashMap<>(Objects.requireNonNullElse(secret.getData(), Map.of()));
        Objects.requireNonNullElse(secret.getStringData(), Map.<String, String>of())
                .forEach((key, value) ->
                        data.put(key, Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8))));
        return new SecretBuilder(secret).withData(data).withStringData(null).build();
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http().send(request.timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpClient http() {
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
