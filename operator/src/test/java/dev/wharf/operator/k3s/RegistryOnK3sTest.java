package dev.wharf.operator.k3s;

import static dev.wharf.operator.testing.RegistryOperator.observedStatus;
import static dev.wharf.operator.testing.RegistryOperator.present;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import dev.wharf.api.v1alpha1.cleanup.CleanupPolicy;
import dev.wharf.api.v1alpha1.common.Condition;
import dev.wharf.api.v1alpha1.common.ConditionStatus;
import dev.wharf.api.v1alpha1.firewall.FirewallPolicy;
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
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.javaoperatorsdk.operator.Operator;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * through their owner references. Also what the mock server cannot enforce: the metrics port on pod and Service, the
 * objects of the first CRD schema accepted by the current CRDs' validation (CEL included), a workload with an older
 * (immutable) selector replaced, and policies' honest Ready reasons written through the status subresource. Skipped,
 * with the reason in the report, where Docker is not available.
 */
@EnabledIf(value = "dev.wharf.operator.k3s.Docker#available", disabledReason = Docker.UNAVAILABLE)
@Testcontainers
class RegistryOnK3sTest {

    private static final Duration TIMEOUT = Duration.ofMinutes(2);
    private static final String NAMESPACE = Samples.LOCAL_NAMESPACE;
    private static final String FIELD_MANAGER = "wharf-k3s-test";
    private static final KubernetesSerialization YAML = new KubernetesSerialization();

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

    @Test
    void applyWhenTheSampleNpmRegistryIsRenderedShouldExposeMetricsOnTheirOwnPortOnly() {
        await().atMost(TIMEOUT).untilAsserted(() -> {
            Service service = present(
                    client.services().inNamespace(NAMESPACE).withName("npm").get(), "Service of npm");
            assertThat(service.getSpec().getPorts())
                    .extracting(ServicePort::getName, ServicePort::getPort)
                    .containsExactly(tuple("http", 8080), tuple("metrics", 9090));
            io.fabric8.kubernetes.api.model.Container container = statefulSet("npm")
                    .getSpec()
                    .getTemplate()
                    .getSpec()
                    .getContainers()
                    .getFirst();
            assertThat(container.getPorts()).extracting(ContainerPort::getName).containsExactly("http", "metrics");
            assertThat(container.getEnv())
                    .anySatisfy(variable -> assertThat(variable.getName() + "=" + variable.getValue())
                            .isEqualTo("WHARF_METRICS_PORT=9090"));
        });
    }

    @Test
    void createWhenObjectsWereWrittenUnderTheFirstCrdSchemaShouldBeAcceptedByTheApiServer() throws IOException {
        List<HasMetadata> first;
        try (InputStream in =
                Files.newInputStream(Path.of("src", "test", "resources", "upgrade", "first-samples.yaml"))) {
            first = client.load(in).items().stream()
                    .filter(object -> object.getApiVersion().equals("wharf.dev/v1alpha1"))
                    .toList();
        }
        client.resource(new NamespaceBuilder()
                        .withNewMetadata()
                        .withName("artifacts")
                        .endMetadata()
                        .build())
                .fieldManager(FIELD_MANAGER)
                .serverSideApply();

        assertThat(first).hasSizeGreaterThanOrEqualTo(8);
        // A dry run: the API server validates (schema and CEL rules) and stores nothing.
        first.forEach(object -> client.resource(object).dryRun().create());
    }

    @Test
    void reconcileWhenTheStatefulSetHasAnOlderSelectorShouldReplaceItThoughSelectorsAreImmutable() {
        HasMetadata generic = sample(Registry.class, "generic");
        generic.getMetadata().setName("migrated");
        Registry registry = (Registry) client.resource(generic).create();
        Map<String, String> oldSelector =
                Map.of("app.kubernetes.io/name", "wharf-registry", "app.kubernetes.io/instance", "migrated");
        StatefulSet old = client.resource(new StatefulSetBuilder()
                        .withNewMetadata()
                        .withName("migrated")
                        .withNamespace(NAMESPACE)
                        .addToLabels(oldSelector)
                        .addToLabels("app.kubernetes.io/managed-by", "wharf-operator")
                        .withOwnerReferences(new OwnerReferenceBuilder()
                                .withApiVersion("wharf.dev/v1alpha1")
                                .withKind("Registry")
                                .withName("migrated")
                                .withUid(registry.getMetadata().getUid())
                                .withController(true)
                                .build())
                        .endMetadata()
                        .withNewSpec()
                        .withServiceName("migrated")
                        .withReplicas(0)
                        .withNewSelector()
                        .withMatchLabels(oldSelector)
                        .endSelector()
                        .withNewTemplate()
                        .withNewMetadata()
                        .withLabels(oldSelector)
                        .endMetadata()
                        .withNewSpec()
                        .addNewContainer()
                        .withName("registry")
                        .withImage("wharf/registry-runtime:old")
                        .endContainer()
                        .endSpec()
                        .endTemplate()
                        .endSpec()
                        .build())
                .create();

        await().atMost(TIMEOUT).untilAsserted(() -> {
            StatefulSet current = statefulSet("migrated");
            assertThat(current.getMetadata().getUid())
                    .isNotEqualTo(old.getMetadata().getUid());
            assertThat(current.getSpec().getSelector().getMatchLabels())
                    .containsEntry("wharf.dev/registry", "migrated");
        });
        client.resource(registry).delete();
    }

    @Test
    void reconcileWhenPoliciesSelectARegistryOrNoneShouldWriteHonestReadyReasons() {
        client.resource(YAML.unmarshal("""
                        apiVersion: wharf.dev/v1alpha1
                        kind: CleanupPolicy
                        metadata: {name: tidy, namespace: %s}
                        spec:
                          registries: [npm]
                          schedule: "@daily"
                          rules: [{name: old, olderThan: 90d}]
                        """.formatted(NAMESPACE), CleanupPolicy.class))
                .fieldManager(FIELD_MANAGER)
                .serverSideApply();
        client.resource(YAML.unmarshal("""
                        apiVersion: wharf.dev/v1alpha1
                        kind: FirewallPolicy
                        metadata: {name: nothing, namespace: %s}
                        spec:
                          targets: {registries: [absent]}
                          mode: audit
                          rules: [{name: cooldown, minimumAge: 72h, action: warn}]
                        """.formatted(NAMESPACE), FirewallPolicy.class))
                .fieldManager(FIELD_MANAGER)
                .serverSideApply();

        await().atMost(TIMEOUT).untilAsserted(() -> {
            CleanupPolicy cleanup = client.resources(CleanupPolicy.class)
                    .inNamespace(NAMESPACE)
                    .withName("tidy")
                    .get();
            // The runtime image of the tests cannot be pulled here, so no runtime ever reports.
            assertThat(condition(cleanup.getStatus().conditions(), Conditions.READY)
                            .reason())
                    .isEqualTo("AwaitingRuntime");
            FirewallPolicy firewall = client.resources(FirewallPolicy.class)
                    .inNamespace(NAMESPACE)
                    .withName("nothing")
                    .get();
            assertThat(condition(firewall.getStatus().conditions(), Conditions.READY)
                            .reason())
                    .isEqualTo("NoRegistrySelected");
            assertThat(condition(firewall.getStatus().conditions(), "PolicyValid")
                            .status())
                    .isEqualTo(ConditionStatus.UNKNOWN);
        });
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
