package dev.wharf.operator.k3s;

import static dev.wharf.operator.testing.RegistryOperator.observedStatus;
import static dev.wharf.operator.testing.RegistryOperator.present;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.wharf.api.v1alpha1.common.Condition;
import dev.wharf.api.v1alpha1.common.ConditionStatus;
import dev.wharf.api.v1alpha1.registry.Registry;
import dev.wharf.api.v1alpha1.registry.RegistryStatus;
import dev.wharf.api.v1alpha1.upstream.UpstreamProxy;
import dev.wharf.operator.OperatorFactory;
import dev.wharf.operator.OperatorSettings;
import dev.wharf.operator.runtimestatus.RuntimeStatusClient;
import dev.wharf.operator.status.Conditions;
import dev.wharf.operator.testing.CommittedCrds;
import dev.wharf.operator.testing.RegistryOperator;
import dev.wharf.operator.testing.Samples;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.javaoperatorsdk.operator.Operator;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.k3s.K3sContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The operator, running in the test JVM with server-side apply on, against a real API server (K3s): the committed
 * CRDs install, the sample npm Registry of {@code samples/local} gets its dependents and status, a proxy change
 * rewrites only the ConfigMap, and the cluster's garbage collector removes the dependents of a deleted Registry
 * through their owner references. Skipped, with the reason in the report, where Docker is not available.
 */
@EnabledIf(value = "dev.wharf.operator.k3s.Docker#available", disabledReason = Docker.UNAVAILABLE)
@Testcontainers
class RegistryOnK3sTest {

    private static final Duration TIMEOUT = Duration.ofMinutes(2);
    private static final String NAMESPACE = Samples.LOCAL_NAMESPACE;
    private static final String FIELD_MANAGER = "wharf-k3s-test";

    @Container
    static final K3sContainer K3S = new K3sContainer(DockerImageName.parse("rancher/k3s:v1.33.4-k3s1"));

    static KubernetesClient client;
    static Operator operator;

    @BeforeAll
    static void installCrdsAndOperatorAndApplyTheSample() {
        client = new KubernetesClientBuilder()
                .withConfig(Config.fromKubeconfig(K3S.getKubeConfigYaml()))
                .build();
        CommittedCrds.read(client)
                .forEach(crd -> client.resource(crd)
                        .fieldManager(FIELD_MANAGER)
                        .forceConflicts()
                        .serverSideApply());
        CommittedCrds.read(client)
                .forEach(crd ->
                        client.resource(crd).waitUntilCondition(RegistryOnK3sTest::established, 1, TimeUnit.MINUTES));
        operator = OperatorFactory.create(
                client,
                OperatorSettings.parse(Map.of()),
                new SimpleMeterRegistry(),
                Clock.systemUTC(),
                // Server-side apply stays on, as in production; only the client is the test's to close.
                overrider -> overrider.withCloseClientOnStop(false),
                RegistryOperator.IMAGE,
                RuntimeStatusClient.DISABLED);
        operator.start();

        client.resource(new NamespaceBuilder()
                        .withNewMetadata()
                        .withName(NAMESPACE)
                        .endMetadata()
                        .build())
                .fieldManager(FIELD_MANAGER)
                .serverSideApply();
        for (HasMetadata sample : List.of(
                sample(Secret.class, "wharf-local-users"),
                sample(UpstreamProxy.class, "npmjs"),
                sample(Registry.class, "npm"))) {
            client.resource(sample).fieldManager(FIELD_MANAGER).serverSideApply();
        }
    }

    @AfterAll
    static void stopOperator() {
        if (operator != null) {
            operator.stop();
        }
        if (client != null) {
            client.close();
        }
    }

    @Test
    void applyWhenTheSampleNpmRegistryIsCreatedShouldRenderItsDependentsOwnedByIt() {
        Registry registry = RegistryOperator.registry(client, NAMESPACE, "npm");

        await().atMost(TIMEOUT).untilAsserted(() -> {
            List<HasMetadata> objects = RegistryOperator.objectsOf(client, NAMESPACE, "npm");
            assertThat(objects)
                    .extracting(HasMetadata::getKind)
                    .contains("ServiceAccount", "ConfigMap", "Service", "StatefulSet");
            assertThat(objects)
                    .allSatisfy(object -> assertThat(object.getMetadata().getOwnerReferences())
                            .extracting(OwnerReference::getUid)
                            .containsExactly(registry.getMetadata().getUid()));
        });
        assertThat(configMap("npm").getData()).containsKeys("registry.yaml", "upstreamproxies.yaml");
    }

    @Test
    void applyWhenTheSampleNpmRegistryIsCreatedShouldReportItsConditionsForItsGeneration() {
        await().atMost(TIMEOUT).untilAsserted(() -> {
            RegistryStatus status = observedStatus(client, NAMESPACE, "npm");
            assertThat(condition(status.conditions(), "ConfigResolved").status())
                    .isEqualTo(ConditionStatus.TRUE);
            assertThat(condition(status.conditions(), Conditions.READY).observedGeneration())
                    .isEqualTo(RegistryOperator.registry(client, NAMESPACE, "npm")
                            .getMetadata()
                            .getGeneration());
        });
        await().atMost(TIMEOUT)
                .untilAsserted(() -> assertThat(client.resources(UpstreamProxy.class)
                                .inNamespace(NAMESPACE)
                                .withName("npmjs")
                                .get()
                                .getStatus()
                                .usedBy())
                        .containsExactly("npm"));
    }

    @Test
    void patchWhenTheUpstreamProxyChangesShouldRewriteOnlyTheConfigMap() {
        await().atMost(TIMEOUT)
                .untilAsserted(() -> assertThat(condition(
                                        observedStatus(client, NAMESPACE, "npm").conditions(), "ConfigResolved")
                                .status())
                        .isEqualTo(ConditionStatus.TRUE));
        // The generation, not the resourceVersion: the StatefulSet controller keeps writing the status of a real one.
        Long before = statefulSet("npm").getMetadata().getGeneration();

        client.resources(UpstreamProxy.class)
                .inNamespace(NAMESPACE)
                .withName("npmjs")
                .patch(
                        PatchContext.of(PatchType.JSON_MERGE),
                        "{\"spec\":{\"url\":\"https://npm.mirror.example.com\"}}");

        await().atMost(TIMEOUT)
                .untilAsserted(() -> assertThat(configMap("npm").getData().get("upstreamproxies.yaml"))
                        .contains("https://npm.mirror.example.com"));
        assertThat(statefulSet("npm").getMetadata().getGeneration()).isEqualTo(before);
    }

    @Test
    void deleteWhenARegistryIsDeletedShouldLeaveItsDependentsToTheGarbageCollector() {
        HasMetadata second = sample(Registry.class, "generic");
        client.resource(second).fieldManager(FIELD_MANAGER).serverSideApply();
        await().atMost(TIMEOUT)
                .untilAsserted(() -> assertThat(configMap("generic")).isNotNull());

        client.resource(second).delete();

        await().atMost(TIMEOUT)
                .untilAsserted(() -> assertThat(RegistryOperator.objectsOf(client, NAMESPACE, "generic"))
                        .isEmpty());
    }

    private static HasMetadata sample(Class<? extends HasMetadata> kind, String name) {
        return Samples.all().stream()
                .filter(s -> kind.isInstance(s)
                        && s.getMetadata().getNamespace().equals(NAMESPACE)
                        && s.getMetadata().getName().equals(name))
                .findFirst()
                .orElseThrow(
                        () -> new IllegalStateException("samples/local has no " + kind.getSimpleName() + " " + name));
    }

    private static boolean established(@Nullable CustomResourceDefinition crd) {
        return crd != null
                && crd.getStatus() != null
                && crd.getStatus().getConditions().stream()
                        .anyMatch(c -> c.getType().equals("Established")
                                && c.getStatus().equals("True"));
    }

    private static ConfigMap configMap(String registry) {
        return present(
                client.configMaps()
                        .inNamespace(NAMESPACE)
                        .withName(registry + "-config")
                        .get(),
                "ConfigMap of " + registry);
    }

    private static StatefulSet statefulSet(String registry) {
        return present(
                client.apps()
                        .statefulSets()
                        .inNamespace(NAMESPACE)
                        .withName(registry)
                        .get(),
                "StatefulSet of " + registry);
    }

    private static Condition condition(@Nullable List<Condition> conditions, String type) {
        return present(Conditions.find(conditions, type), type + " condition");
    }
}
