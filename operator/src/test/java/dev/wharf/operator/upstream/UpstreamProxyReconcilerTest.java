package dev.wharf.operator.upstream;

import static dev.wharf.operator.testing.Resources.registry;
import static dev.wharf.operator.testing.Resources.upstreamProxy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.wharf.api.v1alpha1.common.Condition;
import dev.wharf.api.v1alpha1.common.ConditionStatus;
import dev.wharf.api.v1alpha1.registry.Registry;
import dev.wharf.api.v1alpha1.upstream.UpstreamProxy;
import dev.wharf.api.v1alpha1.upstream.UpstreamProxySpec;
import dev.wharf.api.v1alpha1.upstream.UpstreamProxyStatus;
import dev.wharf.operator.OperatorFactory;
import dev.wharf.operator.OperatorSettings;
import dev.wharf.operator.status.Conditions;
import dev.wharf.operator.testing.CommittedCrds;
import dev.wharf.operator.testing.MockCluster;
import dev.wharf.operator.testing.Resources;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.javaoperatorsdk.operator.Operator;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The UpstreamProxy controller in the real java-operator-sdk Operator, against the fabric8 mock API server. */
@EnableKubernetesMockClient(crud = true)
class UpstreamProxyReconcilerTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    static KubernetesClient client;
    static Operator operator;
    static final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @BeforeAll
    static void startOperator() {
        CommittedCrds.create(client);
        operator = OperatorFactory.create(
                client, OperatorSettings.parse(Map.of()), meters, Clock.systemUTC(), MockCluster.OPERATOR_SETTINGS);
        operator.start();
    }

    @AfterAll
    static void stopOperator() {
        operator.stop();
    }

    @Test
    void reconcileWhenTwoRegistriesNameTheProxyShouldListBothAndBeReady() {
        String namespace = "both";
        create(upstreamProxy(namespace, "npmjs"));
        create(registry(namespace, "npm", "npmjs"));
        create(registry(namespace, "mirror", "internal", "npmjs"));

        await().atMost(TIMEOUT).untilAsserted(() -> {
            UpstreamProxy proxy = get(namespace, "npmjs");
            UpstreamProxyStatus status = present(proxy.getStatus(), "status");
            assertThat(status.usedBy()).containsExactly("mirror", "npm");
            assertThat(status.observedGeneration())
                    .isEqualTo(proxy.getMetadata().getGeneration());
            assertThat(ready(status)).satisfies(ready -> {
                assertThat(ready.status()).isEqualTo(ConditionStatus.TRUE);
                assertThat(ready.reason()).isEqualTo("Accepted");
                assertThat(ready.observedGeneration())
                        .isEqualTo(proxy.getMetadata().getGeneration());
            });
        });
    }

    @Test
    void reconcileWhenARegistryStopsNamingTheProxyShouldDropItAndKeepTheTransitionTime() {
        String namespace = "shrink";
        create(upstreamProxy(namespace, "npmjs"));
        create(registry(namespace, "npm", "npmjs"));
        create(registry(namespace, "mirror", "npmjs"));
        await().atMost(TIMEOUT)
                .untilAsserted(() -> assertThat(usedBy(namespace, "npmjs")).containsExactly("mirror", "npm"));
        String readySince = ready(statusOf(namespace, "npmjs")).lastTransitionTime();

        replaceSpec(registry(namespace, "mirror", "internal"));

        await().atMost(TIMEOUT)
                .untilAsserted(() -> assertThat(usedBy(namespace, "npmjs")).containsExactly("npm"));
        assertThat(ready(statusOf(namespace, "npmjs")).lastTransitionTime()).isEqualTo(readySince);
    }

    @Test
    void reconcileWhenARegistryIsDeletedShouldDropIt() {
        String namespace = "deleted";
        create(upstreamProxy(namespace, "npmjs"));
        create(registry(namespace, "npm", "npmjs"));
        create(registry(namespace, "mirror", "npmjs"));
        await().atMost(TIMEOUT)
                .untilAsserted(() -> assertThat(usedBy(namespace, "npmjs")).containsExactly("mirror", "npm"));

        client.resources(Registry.class).inNamespace(namespace).withName("npm").delete();

        await().atMost(TIMEOUT)
                .untilAsserted(() -> assertThat(usedBy(namespace, "npmjs")).containsExactly("mirror"));
    }

    @Test
    void reconcileWhenTheRegistryExistedBeforeTheProxyShouldListIt() {
        String namespace = "early";
        create(registry(namespace, "npm", "npmjs"));

        create(upstreamProxy(namespace, "npmjs"));

        await().atMost(TIMEOUT)
                .untilAsserted(() -> assertThat(usedBy(namespace, "npmjs")).containsExactly("npm"));
    }

    @Test
    void reconcileWhenTheSpecChangesShouldObserveTheNewGenerationAndLeaveTheSpecAlone() {
        String namespace = "generation";
        create(upstreamProxy(namespace, "npmjs"));
        await().atMost(TIMEOUT)
                .untilAsserted(() -> assertThat(statusOf(namespace, "npmjs").observedGeneration())
                        .isEqualTo(1L));
        String readySince = ready(statusOf(namespace, "npmjs")).lastTransitionTime();

        UpstreamProxy edited = client.resources(UpstreamProxy.class)
                .inNamespace(namespace)
                .withName("npmjs")
                .edit(current -> {
                    UpstreamProxy next = Resources.upstreamProxy(namespace, "npmjs");
                    UpstreamProxySpec spec = next.getSpec();
                    next.setSpec(new UpstreamProxySpec(
                            spec.format(), "https://npm.example.com", null, null, null, null, null, null, true));
                    next.setMetadata(current.getMetadata());
                    return next;
                });

        await().atMost(TIMEOUT)
                .untilAsserted(() -> assertThat(statusOf(namespace, "npmjs").observedGeneration())
                        .isEqualTo(2L));
        UpstreamProxy proxy = get(namespace, "npmjs");
        assertThat(proxy.getSpec()).isEqualTo(edited.getSpec());
        assertThat(ready(proxy.getStatus())).satisfies(ready -> {
            assertThat(ready.observedGeneration()).isEqualTo(2L);
            assertThat(ready.lastTransitionTime()).isEqualTo(readySince);
        });
    }

    @Test
    void reconcileWhenTheStatusWouldNotChangeShouldNotWriteIt() {
        String namespace = "unchanged";
        create(upstreamProxy(namespace, "npmjs"));
        create(registry(namespace, "npm", "npmjs"));
        await().atMost(TIMEOUT)
                .untilAsserted(() -> assertThat(usedBy(namespace, "npmjs")).containsExactly("npm"));
        String resourceVersion = get(namespace, "npmjs").getMetadata().getResourceVersion();
        double reconciled = successfulReconciles();

        // Still names npmjs, so npmjs is reconciled again (the only existing proxy this event maps to) to the same
        // status.
        replaceSpec(registry(namespace, "npm", "npmjs", "internal"));

        await().atMost(TIMEOUT).until(() -> successfulReconciles() > reconciled);
        assertThat(get(namespace, "npmjs").getMetadata().getResourceVersion()).isEqualTo(resourceVersion);
    }

    /** Reconciles of UpstreamProxies that ended without error, as java-operator-sdk counts them in Micrometer. */
    private static double successfulReconciles() {
        return meters.find("operator.sdk.reconciliations.success").tag("kind", "UpstreamProxy").counters().stream()
                .mapToDouble(Counter::count)
                .sum();
    }

    private static void create(Registry registry) {
        client.resource(registry).create();
    }

    /**
     * Gives the existing Registry the spec of {@code wanted}, retrying when the Registry controller, which adds its
     * finalizer and writes status concurrently as it would in a cluster, changed the object in between.
     */
    private static void replaceSpec(Registry wanted) {
        await().atMost(TIMEOUT)
                .ignoreExceptionsMatching(
                        error -> error instanceof KubernetesClientException conflict && conflict.getCode() == 409)
                .until(() -> client.resources(Registry.class)
                                .inNamespace(wanted.getMetadata().getNamespace())
                                .withName(wanted.getMetadata().getName())
                                .edit(current -> {
                                    current.setSpec(wanted.getSpec());
                                    return current;
                                })
                        != null);
    }

    private static void create(UpstreamProxy proxy) {
        client.resource(proxy).create();
    }

    private static UpstreamProxy get(String namespace, String name) {
        return present(
                client.resources(UpstreamProxy.class)
                        .inNamespace(namespace)
                        .withName(name)
                        .get(),
                namespace + "/" + name);
    }

    private static UpstreamProxyStatus statusOf(String namespace, String name) {
        return present(get(namespace, name).getStatus(), "status of " + namespace + "/" + name);
    }

    private static List<String> usedBy(String namespace, String name) {
        return present(statusOf(namespace, name).usedBy(), "status.usedBy of " + namespace + "/" + name);
    }

    private static Condition ready(UpstreamProxyStatus status) {
        return present(Conditions.find(status.conditions(), Conditions.READY), "Ready condition");
    }

    /** The value, or an assertion error (which Awaitility retries) naming what is still missing. */
    private static <T> T present(@Nullable T value, String what) {
        assertThat(value).as(what).isNotNull();
        return Objects.requireNonNull(value);
    }
}
