package dev.wharf.operator.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.wharf.api.v1alpha1.registry.Registry;
import dev.wharf.api.v1alpha1.registry.RegistryStatus;
import dev.wharf.api.v1alpha1.upstream.UpstreamProxy;
import dev.wharf.api.v1alpha1.upstream.UpstreamProxyStatus.UpstreamHealth;
import dev.wharf.operator.OperatorSettings;
import dev.wharf.operator.registry.dependents.StatusCredentialDependent;
import dev.wharf.operator.runtimestatus.HttpRuntimeStatusClient;
import dev.wharf.operator.testing.RegistryOperator;
import dev.wharf.operator.testing.Samples;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.javaoperatorsdk.operator.Operator;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The status hand-off, end to end: the real Operator (against the mock API server) creates the Registry's status
 * credential Secret and mounts it; the real runtime, started from the rendered pod, accepts the credential on
 * {@code /api/v1/status}; the Registry's status gets the runtime's artifact count and storage bytes, and the
 * UpstreamProxy's status the health the runtime saw. The credential appears in no log line of either side.
 */
@EnableKubernetesMockClient(crud = true)
class RuntimeStatusHandOffTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String NAMESPACE = "handoff";
    private static final String REGISTRY = "files";
    private static final String PROXY = "files-upstream";
    private static final String ADMIN =
            "Basic " + Base64.getEncoder().encodeToString("admin:wharf-local-admin".getBytes(StandardCharsets.UTF_8));

    static KubernetesClient client;
    static Operator operator;
    static RuntimeChild runtime;
    static final AtomicReference<URI> runtimeRoot = new AtomicReference<>(URI.create("http://127.0.0.1:9"));
    static final ListAppender<ILoggingEvent> operatorLog = new ListAppender<>();

    @TempDir
    static Path pod;

    @BeforeAll
    static void start() {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        operatorLog.start();
        root.addAppender(operatorLog);
        // Even the debug lines of the status client must not carry the credential.
        ((Logger) LoggerFactory.getLogger(HttpRuntimeStatusClient.class)).setLevel(Level.DEBUG);
        operator = RegistryOperator.start(
                client,
                new SimpleMeterRegistry(),
                new HttpRuntimeStatusClient(registry -> runtimeRoot.get()),
                Map.of(OperatorSettings.STATUS_INTERVAL_SECONDS, "1"));
        client.resource(users()).create();
        client.resource(new KubernetesSerialization()
                        .unmarshal("""
                        apiVersion: wharf.dev/v1alpha1
                        kind: UpstreamProxy
                        metadata: {name: %s, namespace: %s}
                        spec:
                          format: generic
                          url: http://127.0.0.1:%d
                          timeouts: {connect: 1s, response: 2s}
                        """.formatted(PROXY, NAMESPACE, closedPort()), UpstreamProxy.class))
                .create();
        client.resource(new KubernetesSerialization()
                        .unmarshal("""
                        apiVersion: wharf.dev/v1alpha1
                        kind: Registry
                        metadata: {name: %s, namespace: %s}
                        spec:
                          format: generic
                          upstreamProxies: [%s]
                          access:
                            anonymousRead: true
                            usersSecret: wharf-local-users
                            rules:
                              - subjects: [{group: wharf-admins}]
                                role: admin
                        """.formatted(REGISTRY, NAMESPACE, PROXY), Registry.class))
                .create();

        StatefulSet statefulSet = await().atMost(TIMEOUT)
                .until(
                        () -> client.apps()
                                .statefulSets()
                                .inNamespace(NAMESPACE)
                                .withName(REGISTRY)
                                .get(),
                        Objects::nonNull);
        Container container =
                statefulSet.getSpec().getTemplate().getSpec().getContainers().getFirst();
        KubeletMounts mounts = KubeletMounts.mount(
                client,
                NAMESPACE,
                statefulSet.getSpec().getTemplate().getSpec(),
                container,
                statefulSet.getSpec().getVolumeClaimTemplates(),
                pod.resolve("fs"));
        runtime =
                RuntimeChild.start(mounts.environment(container), mounts.hostPath("/tmp"), pod.resolve("runtime.log"));
        runtimeRoot.set(runtime.uri("/"));
        client.apps().statefulSets().inNamespace(NAMESPACE).withName(REGISTRY).editStatus(set -> {
            set.setStatus(new StatefulSetStatusBuilder()
                    .withReplicas(1)
                    .withReadyReplicas(1)
                    .build());
            return set;
        });
    }

    @AfterAll
    static void stop() {
        if (runtime != null) {
            runtime.close();
        }
        operator.stop();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(operatorLog);
    }

    @Test
    void aPushShouldReachTheRegistrysStatusThroughTheStatusCredential() throws Exception {
        byte[] file = "counted by the runtime, reported by the operator\n".getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> push = send(HttpRequest.newBuilder(runtime.uri("/generic/files/tool/1.0.0/tool.txt"))
                .header("Authorization", ADMIN)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(file)));
        assertThat(push.statusCode()).as(push.body() + "\n" + runtime.logTail()).isEqualTo(201);

        await().atMost(TIMEOUT).untilAsserted(() -> {
            RegistryStatus status = RegistryOperator.observedStatus(client, NAMESPACE, REGISTRY);
            assertThat(status.artifacts()).isEqualTo(1L);
            assertThat(status.storageBytes()).isEqualTo((long) file.length);
        });
    }

    @Test
    void aFailingUpstreamShouldShowInTheUpstreamProxysHealth() throws Exception {
        HttpResponse<String> miss = send(HttpRequest.newBuilder(runtime.uri("/generic/files/absent/1.0.0/absent.txt"))
                .GET());
        assertThat(miss.statusCode()).as(miss.body()).isGreaterThanOrEqualTo(400);

        await().atMost(TIMEOUT).untilAsserted(() -> {
            UpstreamProxy proxy = client.resources(UpstreamProxy.class)
                    .inNamespace(NAMESPACE)
                    .withName(PROXY)
                    .get();
            UpstreamHealth health = RegistryOperator.present(
                    proxy.getStatus() == null ? null : proxy.getStatus().health(), "health of " + PROXY);
            assertThat(health.consecutiveFailures()).isPositive();
            assertThat(health.lastFailure()).isNotBlank();
            assertThat(health.breaker()).isNotNull();
        });
    }

    @Test
    void theCredentialShouldBeInNoLogLine() {
        Secret secret = client.secrets()
                .inNamespace(NAMESPACE)
                .withName(REGISTRY + "-status")
                .get();
        String credential = StatusCredentialDependent.credential(secret).orElseThrow();
        // At least one status call has been made and answered: the figures are there.
        await().atMost(TIMEOUT)
                .untilAsserted(() -> assertThat(RegistryOperator.observedStatus(client, NAMESPACE, REGISTRY)
                                .artifacts())
                        .isNotNull());

        assertThat(runtime.log()).doesNotContain(credential);
        assertThat(operatorLog.list)
                .isNotEmpty()
                .allSatisfy(event -> assertThat(event.getFormattedMessage() + event.getThrowableProxy())
                        .doesNotContain(credential));
    }

    /** The sample users Secret, as the API server stores it. */
    private static Secret users() {
        Secret sample = (Secret) Samples.all().stream()
                .filter(s -> s instanceof Secret && s.getMetadata().getName().equals("wharf-local-users"))
                .findFirst()
                .orElseThrow();
        Map<String, String> data = new LinkedHashMap<>();
        Objects.requireNonNullElse(sample.getStringData(), Map.<String, String>of())
                .forEach((key, value) ->
                        data.put(key, Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8))));
        return new SecretBuilder(sample)
                .editMetadata()
                .withNamespace(NAMESPACE)
                .endMetadata()
                .withData(data)
                .withStringData(null)
                .build();
    }

    /** A loopback port nothing listens on: every call to the upstream fails to connect. */
    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .build()
                .send(request.timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
    }
}
