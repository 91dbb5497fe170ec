package dev.wharf.operator.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.wharf.api.v1alpha1.cleanup.CleanupPolicy;
import dev.wharf.api.v1alpha1.cleanup.CleanupPolicyStatus;
import dev.wharf.api.v1alpha1.common.Condition;
import dev.wharf.api.v1alpha1.common.ConditionStatus;
import dev.wharf.api.v1alpha1.firewall.FirewallPolicy;
import dev.wharf.api.v1alpha1.firewall.FirewallPolicyStatus;
import dev.wharf.api.v1alpha1.registry.Registry;
import dev.wharf.api.v1alpha1.registry.RegistryStatus;
import dev.wharf.api.v1alpha1.upstream.UpstreamProxy;
import dev.wharf.api.v1alpha1.upstream.UpstreamProxyStatus.UpstreamHealth;
import dev.wharf.operator.HealthServer;
import dev.wharf.operator.OperatorMetrics;
import dev.wharf.operator.OperatorSettings;
import dev.wharf.operator.ReadinessCheck;
import dev.wharf.operator.registry.dependents.RegistryObjects;
import dev.wharf.operator.registry.dependents.StatusCredentialDependent;
import dev.wharf.operator.runtimestatus.HttpRuntimeStatusClient;
import dev.wharf.operator.status.Conditions;
import dev.wharf.operator.testing.MonitoringFiles;
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
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
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
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The status hand-off, end to end: the real Operator (against the mock API server) creates the Registry's status
 * credential Secret and mounts it; the real runtime, started from the rendered pod, accepts the credential on
 * {@code /api/v1/status}; the Registry's status gets the runtime's artifact count and storage bytes, the
 * UpstreamProxy's status the health the runtime saw, the CleanupPolicy's status its plan and next run, and the
 * FirewallPolicy's PolicyValid condition the position of the expression that does not type-check. The credential
 * appears in no log line of either side.
 */
@EnableKubernetesMockClient(crud = true)
class RuntimeStatusHandOffTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String NAMESPACE = "handoff";
    private static final String REGISTRY = "files";
    private static final String PROXY = "files-upstream";
    private static final String CLEANUP = "tidy";
    private static final String FIREWALL = "typo";
    private static final String ADMIN =
            "Basic " + Base64.getEncoder().encodeToString("admin:wharf-local-admin".getBytes(StandardCharsets.UTF_8));

    static KubernetesClient client;
    static Operator operator;
    static OperatorMetrics metrics;
    static HealthServer health;
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
        metrics = OperatorMetrics.create();
        try {
            health = HealthServer.start(
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                    () -> ReadinessCheck.Readiness.ready("test"),
                    metrics.registry());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        operator = RegistryOperator.start(
                client,
                metrics.registry(),
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
        client.resource(new KubernetesSerialization()
                        .unmarshal("""
                        apiVersion: wharf.dev/v1alpha1
                        kind: CleanupPolicy
                        metadata: {name: %s, namespace: %s}
                        spec:
                          registries: [%s]
                          schedule: "@daily"
                          mode: Plan
                          rules: [{name: old, olderThan: 1d}]
                        """.formatted(CLEANUP, NAMESPACE, REGISTRY), CleanupPolicy.class))
                .create();
        client.resource(new KubernetesSerialization()
                        .unmarshal("""
                        apiVersion: wharf.dev/v1alpha1
                        kind: FirewallPolicy
                        metadata: {name: %s, namespace: %s}
                        spec:
                          targets: {registries: [%s]}
                          mode: enforce
                          rules:
                            - {name: custom, expression: "version.prerelease && versoin.number == '1'", action: block}
                        """.formatted(FIREWALL, NAMESPACE, REGISTRY), FirewallPolicy.class))
                .create();

        StatefulSet statefulSet = await().atMost(TIMEOUT)
                .until(
                        () -> client.apps()
                                .statefulSets()
                                .inNamespace(NAMESPACE)
                                .withName(REGISTRY)
                                .get(),
                        Objects::nonNull);
        // The pod mounts the configuration that names both policies, as a kubelet would once the operator wrote it.
        await().atMost(TIMEOUT)
                .until(
                        () -> String.valueOf(client.configMaps()
                                .inNamespace(NAMESPACE)
                                .withName(RegistryObjects.configMapName(client.resources(Registry.class)
                                        .inNamespace(NAMESPACE)
                                        .withName(REGISTRY)
                                        .get()))
                                .get()
                                .getData()),
                        data -> data.contains("name: \"" + CLEANUP + "\"")
                                && data.contains("name: \"" + FIREWALL + "\""));
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
        health.close();
        metrics.close();
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
    void aPlanShouldReachTheCleanupPolicysStatusWithItsNextRun() throws Exception {
        HttpResponse<String> plan =
                send(HttpRequest.newBuilder(runtime.uri("/api/v1/cleanup-policies/" + CLEANUP + "/plan"))
                        .header("Authorization", ADMIN)
                        .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(plan.statusCode()).as(plan.body() + "\n" + runtime.logTail()).isBetween(200, 202);

        await().atMost(TIMEOUT).untilAsserted(() -> {
            CleanupPolicy policy = client.resources(CleanupPolicy.class)
                    .inNamespace(NAMESPACE)
                    .withName(CLEANUP)
                    .get();
            CleanupPolicyStatus status = RegistryOperator.present(policy.getStatus(), "status of " + CLEANUP);
            assertThat(status.selectedRegistries()).containsExactly(REGISTRY);
            assertThat(RegistryOperator.present(status.plan(), "plan of " + CLEANUP)
                            .hash())
                    .hasSize(64);
            assertThat(status.nextRun()).endsWith("T00:00:00Z");
            Condition ready = RegistryOperator.present(
                    Conditions.find(status.conditions(), Conditions.READY), "Ready of " + CLEANUP);
            assertThat(ready.status()).isEqualTo(ConditionStatus.TRUE);
            assertThat(ready.reason()).isEqualTo("Scheduled");
            assertThat(ready.message())
                    .isEqualTo("Scheduled on 1 Registry; next run " + status.nextRun()
                            + "; mode Plan, so it only plans and deletes nothing.");
        });
    }

    @Test
    void aRuleThatDoesNotTypeCheckShouldShowInPolicyValidWithItsLineAndColumn() {
        await().atMost(TIMEOUT).untilAsserted(() -> {
            FirewallPolicy policy = client.resources(FirewallPolicy.class)
                    .inNamespace(NAMESPACE)
                    .withName(FIREWALL)
                    .get();
            FirewallPolicyStatus status = RegistryOperator.present(policy.getStatus(), "status of " + FIREWALL);
            Condition valid = RegistryOperator.present(
                    Conditions.find(status.conditions(), "PolicyValid"), "PolicyValid of " + FIREWALL);
            assertThat(valid.status()).isEqualTo(ConditionStatus.FALSE);
            assertThat(valid.reason()).isEqualTo("InvalidRules");
            assertThat(valid.message())
                    .startsWith("Its rules do not compile, so it is applied nowhere: spec.rules[0].expression (rule"
                            + " custom), line 1, column 23: undeclared reference to 'versoin'");
            Condition ready = RegistryOperator.present(
                    Conditions.find(status.conditions(), Conditions.READY), "Ready of " + FIREWALL);
            assertThat(ready.status()).isEqualTo(ConditionStatus.FALSE);
            assertThat(ready.reason()).isEqualTo("InvalidRules");
            assertThat(status.counts()).isNotNull();
        });
    }

    @Test
    void everyMetricTheAlertsAndTheDashboardReadShouldBeExportedByTheRuntimeOrTheOperator() throws Exception {
        // What makes the runtime register its request, upstream and cleanup meters: a push, a request through the
        // upstream and a cleanup run (mode Plan: it deletes nothing).
        HttpResponse<String> push = send(HttpRequest.newBuilder(runtime.uri("/generic/files/metered/1.0.0/metered.txt"))
                .header("Authorization", ADMIN)
                .PUT(HttpRequest.BodyPublishers.ofString("metered")));
        assertThat(push.statusCode()).as(push.body()).isEqualTo(201);
        send(HttpRequest.newBuilder(runtime.uri("/generic/files/unmetered/1.0.0/absent.txt"))
                .GET());
        HttpResponse<String> run =
                send(HttpRequest.newBuilder(runtime.uri("/api/v1/cleanup-policies/" + CLEANUP + "/run"))
                        .header("Authorization", ADMIN)
                        .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(run.statusCode()).as(run.body()).isBetween(200, 202);
        Set<String> named = MonitoringFiles.metricNames();

        await().atMost(TIMEOUT).untilAsserted(() -> {
            Set<String> exported = new TreeSet<>();
            exported.addAll(
                    MonitoringFiles.exported(send(HttpRequest.newBuilder(runtime.metricsUri("/actuator/prometheus"))
                                    .GET())
                            .body()));
            exported.addAll(MonitoringFiles.exported(
                    send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + health.port() + "/metrics"))
                                    .GET())
                            .body()));
            Set<String> missing = new TreeSet<>(named);
            missing.removeAll(exported);
            assertThat(missing)
                    .as(
                            "metrics named by %s or %s that neither the runtime nor the operator exports",
                            MonitoringFiles.RULES, MonitoringFiles.DASHBOARD)
                    .isEmpty();
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
