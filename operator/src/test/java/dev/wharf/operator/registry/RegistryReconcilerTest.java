package dev.wharf.operator.registry;

import static dev.wharf.operator.testing.RegistryOperator.observedStatus;
import static dev.wharf.operator.testing.RegistryOperator.present;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.wharf.api.v1alpha1.cleanup.CleanupPolicy;
import dev.wharf.api.v1alpha1.common.Condition;
import dev.wharf.api.v1alpha1.common.ConditionStatus;
import dev.wharf.api.v1alpha1.registry.Registry;
import dev.wharf.api.v1alpha1.registry.RegistryStatus;
import dev.wharf.operator.registry.dependents.PodTemplates;
import dev.wharf.operator.status.Conditions;
import dev.wharf.operator.testing.RegistryOperator;
import dev.wharf.operator.testing.SampleSecrets;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatusBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.javaoperatorsdk.operator.Operator;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Registry controller in the real Operator against the fabric8 mock API server, one namespace per test. */
@EnableKubernetesMockClient(crud = true)
class RegistryReconcilerTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final KubernetesSerialization YAML = new KubernetesSerialization();

    static KubernetesClient client;
    static Operator operator;
    static final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @BeforeAll
    static void startOperator() {
        operator = RegistryOperator.start(client, meters);
    }

    @AfterAll
    static void stopOperator() {
        operator.stop();
    }

    @Test
    void reconcileWhenAnUpstreamProxyChangesShouldRewriteOnlyTheConfigMap() {
        String ns = "proxy-change";
        apply(ns, upstreamProxy("npmjs", "https://registry.npmjs.org"));
        apply(ns, registry("npm", "format: npm\n  upstreamProxies: [npmjs]\n" + S3_AND_POSTGRES));
        applySecrets(ns);
        await().atMost(TIMEOUT)
                .untilAsserted(() -> assertThat(configMap(ns, "npm").getData().get("upstreamproxies.yaml"))
                        .contains("https://registry.npmjs.org"));
        await().atMost(TIMEOUT)
                .untilAsserted(() -> assertThat(condition(observedStatus(client, ns, "npm"), "ConfigResolved")
                                .status())
                        .isEqualTo(ConditionStatus.TRUE));
        Deployment before = deployment(ns, "npm");

        apply(ns, upstreamProxy("npmjs", "https://npm.mirror.example.com"));

        await().atMost(TIMEOUT)
                .untilAsserted(() -> assertThat(configMap(ns, "npm").getData().get("upstreamproxies.yaml"))
                        .contains("https://npm.mirror.example.com"));
        assertThat(deployment(ns, "npm").getMetadata().getResourceVersion())
                .isEqualTo(before.getMetadata().getResourceVersion());
    }

    @Test
    void reconcileWhenAReferencedSecretChangesShouldChangeThePodTemplateChecksum() {
        String ns = "secret-change";
        applySecrets(ns);
        apply(ns, registry("files", "format: generic\n" + S3_AND_POSTGRES));
        String before = await().atMost(TIMEOUT)
                .ignoreExceptions()
                .until(() -> checksum(deployment(ns, "files")), checksum -> checksum.startsWith("sha256:"));

        client.resource(SampleSecrets.secret(ns, "minio-creds", Map.of("accessKey", "rotated", "secretKey", "rotated")))
                .update();

        await().atMost(TIMEOUT)
                .untilAsserted(() -> assertThat(checksum(deployment(ns, "files")))
                        .startsWith("sha256:")
                        .isNotEqualTo(before));
        assertThat(configMap(ns, "files").getData().toString()).doesNotContain("rotated");
    }

    @Test
    void reconcileWhenTheUpstreamProxyIsMissingShouldNameItAndRecoverWhenItIsCreated() {
        String ns = "missing-proxy";
        applySecrets(ns);
        apply(ns, registry("npm", "format: npm\n  upstreamProxies: [npmjs]\n" + S3_AND_POSTGRES));

        await().atMost(TIMEOUT).untilAsserted(() -> {
            RegistryStatus status = observedStatus(client, ns, "npm");
            assertThat(condition(status, "Ready").status()).isEqualTo(ConditionStatus.FALSE);
            assertThat(condition(status, "ConfigResolved")).satisfies(resolved -> {
                assertThat(resolved.status()).isEqualTo(ConditionStatus.FALSE);
                assertThat(resolved.reason()).isEqualTo("UpstreamProxyNotFound");
                assertThat(resolved.message())
                        .isEqualTo("spec.upstreamProxies names UpstreamProxy npmjs, which does not exist in namespace"
                                + " missing-proxy; create it or remove the name");
            });
        });

        apply(ns, upstreamProxy("npmjs", "https://registry.npmjs.org"));

        await().atMost(TIMEOUT).untilAsserted(() -> {
            Condition resolved = condition(observedStatus(client, ns, "npm"), "ConfigResolved");
            assertThat(resolved.status()).isEqualTo(ConditionStatus.TRUE);
            assertThat(resolved.reason()).isEqualTo("Resolved");
        });
        assertThat(configMap(ns, "npm").getData()).containsKey("upstreamproxies.yaml");
    }

    @Test
    void reconcileWhenASecretIsMissingShouldNameItAndRecoverWhenItIsCreated() {
        String ns = "missing-secret";
        apply(ns, registry("files", "format: generic\n  access: {usersSecret: deployers}"));

        await().atMost(TIMEOUT).untilAsserted(() -> {
            Condition resolved = condition(observedStatus(client, ns, "files"), "ConfigResolved");
            assertThat(resolved.reason()).isEqualTo("SecretNotFound");
            assertThat(resolved.message())
                    .isEqualTo("spec.access.usersSecret names Secret deployers, which does not exist in namespace"
                            + " missing-secret; create it with keys users");
        });
        String missing = checksum(statefulSet(ns, "files"));

        client.resource(SampleSecrets.secret(ns, "deployers", Map.of("users", "ci:$2b$10$x\n")))
                .create();

        await().atMost(TIMEOUT)
                .untilAsserted(() -> assertThat(condition(observedStatus(client, ns, "files"), "ConfigResolved")
                                .status())
                        .isEqualTo(ConditionStatus.TRUE));
        assertThat(checksum(statefulSet(ns, "files"))).isNotEqualTo(missing);
    }

    @Test
    void reconcileWhenTheDeploymentBecomesReadyShouldBeReadyForTheCurrentGeneration() {
        String ns = "ready";
        applySecrets(ns);
        apply(ns, registry("files", "format: generic\n" + S3_AND_POSTGRES));
        await().atMost(TIMEOUT).untilAsserted(() -> {
            Condition ready = condition(observedStatus(client, ns, "files"), "Ready");
            assertThat(ready.status()).isEqualTo(ConditionStatus.FALSE);
            assertThat(ready.reason()).isEqualTo("PodsStarting");
        });

        // What the Deployment controller would do once a pod passes its readiness probe.
        rolledOut(ns, "files");

        await().atMost(TIMEOUT).untilAsserted(() -> {
            RegistryStatus status = observedStatus(client, ns, "files");
            Long generation =
                    RegistryOperator.registry(client, ns, "files").getMetadata().getGeneration();
            assertThat(status.readyReplicas()).isEqualTo(1);
            assertThat(status.url()).isEqualTo("http://files.ready.svc:8080/generic/files/");
            assertThat(status.conditions())
                    .extracting(Condition::type, Condition::status, Condition::reason, Condition::observedGeneration)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("Ready", ConditionStatus.TRUE, "Available", generation),
                            org.assertj.core.groups.Tuple.tuple(
                                    "ConfigResolved", ConditionStatus.TRUE, "Resolved", generation),
                            org.assertj.core.groups.Tuple.tuple(
                                    "StorageReady", ConditionStatus.TRUE, "BucketConfigured", generation),
                            org.assertj.core.groups.Tuple.tuple(
                                    "Available", ConditionStatus.TRUE, "Available", generation));
        });
    }

    @Test
    void reconcileWhenANewPodCannotPullItsImageWhileTheOldOneServesShouldNotBeReadyAndNameThePodsReason() {
        String ns = "broken-rollout";
        applySecrets(ns);
        apply(ns, registry("files", "format: generic\n" + S3_AND_POSTGRES));
        await().atMost(TIMEOUT).ignoreExceptions().until(() -> deployment(ns, "files") != null);
        rolledOut(ns, "files");
        await().atMost(TIMEOUT)
                .untilAsserted(() -> assertThat(condition(observedStatus(client, ns, "files"), "Ready")
                                .status())
                        .isEqualTo(ConditionStatus.TRUE));

        // A new template whose pod cannot pull its image; the old pod still serves, as the Deployment controller
        // keeps it until the new one is ready.
        client.apps().deployments().inNamespace(ns).withName("files").editStatus(deployment -> {
            deployment.setStatus(new DeploymentStatusBuilder()
                    .withObservedGeneration(deployment.getMetadata().getGeneration())
                    .withReplicas(2)
                    .withUpdatedReplicas(1)
                    .withReadyReplicas(1)
                    .withAvailableReplicas(1)
                    .build());
            return deployment;
        });
        client.resource(failingPod(ns, "files-7c9d-x2", deployment(ns, "files")))
                .create();

        await().atMost(TIMEOUT).untilAsserted(() -> {
            RegistryStatus status = observedStatus(client, ns, "files");
            assertThat(condition(status, "Available").status()).isEqualTo(ConditionStatus.TRUE);
            assertThat(condition(status, "Ready")).satisfies(ready -> {
                assertThat(ready.status()).isEqualTo(ConditionStatus.FALSE);
                assertThat(ready.reason()).isEqualTo("PodsFailing");
                assertThat(ready.message())
                        .isEqualTo("The rollout is stuck: Pod files-7c9d-x2: container registry is in"
                                + " ImagePullBackOff: Back-off pulling image \"wharf/registry-runtime:9.9\"");
            });
        });

        // The pod is replaced by one that pulls; the rollout completes.
        client.pods().inNamespace(ns).withName("files-7c9d-x2").delete();
        rolledOut(ns, "files");

        await().atMost(TIMEOUT)
                .untilAsserted(() -> assertThat(condition(observedStatus(client, ns, "files"), "Ready")
                                .reason())
                        .isEqualTo("Available"));
    }

    @Test
    void reconcileWhenTheControllerHasNotSeenTheNewTemplateShouldBeRolloutInProgress() {
        String ns = "rollout";
        applySecrets(ns);
        apply(ns, registry("files", "format: generic\n" + S3_AND_POSTGRES));
        await().atMost(TIMEOUT).ignoreExceptions().until(() -> deployment(ns, "files") != null);
        rolledOut(ns, "files");
        await().atMost(TIMEOUT)
                .untilAsserted(() -> assertThat(condition(observedStatus(client, ns, "files"), "Ready")
                                .status())
                        .isEqualTo(ConditionStatus.TRUE));

        // A new spec asks for a second pod; the Deployment controller has not caught up with it yet, so the status
        // still describes the previous generation (which the mock server, unlike an API server, has to be told).
        apply(ns, registry("files", "format: generic\n  replicas: 2\n" + S3_AND_POSTGRES));
        await().atMost(TIMEOUT).until(() -> deployment(ns, "files").getSpec().getReplicas() == 2);
        client.apps().deployments().inNamespace(ns).withName("files").editStatus(deployment -> {
            deployment.setStatus(new DeploymentStatusBuilder()
                    .withObservedGeneration(deployment.getMetadata().getGeneration() - 1)
                    .withReplicas(1)
                    .withUpdatedReplicas(1)
                    .withReadyReplicas(1)
                    .withAvailableReplicas(1)
                    .build());
            return deployment;
        });

        await().atMost(TIMEOUT).untilAsserted(() -> {
            Condition ready = condition(observedStatus(client, ns, "files"), "Ready");
            assertThat(ready.reason()).isEqualTo("RolloutInProgress");
            assertThat(ready.message())
                    .isEqualTo("The rollout is not complete: the Deployment controller has not yet seen generation "
                            + deployment(ns, "files").getMetadata().getGeneration() + " of Deployment files.");
        });
    }

    @Test
    void reconcileWhenTheVolumeIsBoundAndThePodReadyShouldBeReady() {
        String ns = "volume";
        apply(ns, registry("files", "format: generic\n  storage: {filesystem: {size: 1Gi}}"));
        await().atMost(TIMEOUT)
                .untilAsserted(() -> assertThat(condition(observedStatus(client, ns, "files"), "StorageReady")
                                .reason())
                        .isEqualTo("VolumePending"));

        // What the StatefulSet controller and the volume provisioner would do.
        StatefulSet statefulSet = statefulSet(ns, "files");
        PersistentVolumeClaim claim = new PersistentVolumeClaimBuilder(
                        statefulSet.getSpec().getVolumeClaimTemplates().getFirst())
                .editMetadata()
                .withName("data-files-0")
                .withNamespace(ns)
                .endMetadata()
                .withNewStatus()
                .withPhase("Bound")
                .endStatus()
                .build();
        client.resource(claim).create();
        client.apps().statefulSets().inNamespace(ns).withName("files").editStatus(set -> {
            set.setStatus(new StatefulSetStatusBuilder()
                    .withObservedGeneration(set.getMetadata().getGeneration())
                    .withReplicas(1)
                    .withUpdatedReplicas(1)
                    .withReadyReplicas(1)
                    .withCurrentRevision("files-1")
                    .withUpdateRevision("files-1")
                    .build());
            return set;
        });

        await().atMost(TIMEOUT).untilAsserted(() -> {
            RegistryStatus status = observedStatus(client, ns, "files");
            assertThat(condition(status, "StorageReady").reason()).isEqualTo("VolumeBound");
            assertThat(condition(status, "Ready").status()).isEqualTo(ConditionStatus.TRUE);
        });
    }

    @Test
    void reconcileWhenTheFormatIsNotServedYetShouldBeNotReadyWithUnsupportedFormat() {
        String ns = "unsupported";
        apply(ns, registry("charts", "format: helm"));

        await().atMost(TIMEOUT).untilAsserted(() -> {
            Condition ready = condition(observedStatus(client, ns, "charts"), "Ready");
            assertThat(ready.status()).isEqualTo(ConditionStatus.FALSE);
            assertThat(ready.reason()).isEqualTo("UnsupportedFormat");
            assertThat(ready.message()).contains("does not serve the helm format yet");
        });
    }

    @Test
    void reconcileWhenTheSpecChangesShouldObserveTheNewGenerationAndNeverWriteTheSpec() {
        String ns = "generation";
        apply(ns, registry("files", "format: generic\n  expose: {host: files.example.com}"));
        await().atMost(TIMEOUT).untilAsserted(() -> {
            assertThat(observedStatus(client, ns, "files").externalURL())
                    .isEqualTo("http://files.example.com/generic/files/");
            assertThat(client.network()
                            .v1()
                            .ingresses()
                            .inNamespace(ns)
                            .withName("files")
                            .get())
                    .isNotNull();
        });

        apply(ns, registry("files", "format: generic"));

        await().atMost(TIMEOUT).untilAsserted(() -> {
            RegistryStatus status = observedStatus(client, ns, "files");
            assertThat(status.observedGeneration()).isEqualTo(2L);
            assertThat(status.externalURL()).isNull();
            assertThat(client.resources(Ingress.class)
                            .inNamespace(ns)
                            .withName("files")
                            .get())
                    .isNull();
        });
        assertThat(RegistryOperator.registry(client, ns, "files").getSpec())
                .isEqualTo(registry("files", "format: generic").getSpec());
    }

    @Test
    void reconcileWhenACleanupPolicyStopsSelectingTheRegistryShouldDropItFromTheConfigMap() {
        String ns = "cleanup";
        apply(ns, registry("files", "format: generic", "wharf.dev/cleanup: standard"));
        apply(ns, cleanupPolicy("standard", "wharf.dev/cleanup: standard"));
        await().atMost(TIMEOUT)
                .untilAsserted(
                        () -> assertThat(configMap(ns, "files").getData()).containsKey("cleanuppolicies.yaml"));
        // The policy's status lists what it selects, which is how a Registry it stops selecting is found again.
        await().atMost(TIMEOUT)
                .untilAsserted(() -> assertThat(client.resources(CleanupPolicy.class)
                                .inNamespace(ns)
                                .withName("standard")
                                .get()
                                .getStatus()
                                .selectedRegistries())
                        .containsExactly("files"));

        apply(ns, cleanupPolicy("standard", "wharf.dev/cleanup: nothing"));

        await().atMost(TIMEOUT)
                .untilAsserted(
                        () -> assertThat(configMap(ns, "files").getData()).doesNotContainKey("cleanuppolicies.yaml"));
    }

    @Test
    void reconcileWhenTheStatusWouldNotChangeShouldNotWriteIt() {
        String ns = "unchanged";
        client.resource(SampleSecrets.secret(ns, "deployers", Map.of("users", "ci:$2b$10$x\n")))
                .create();
        apply(ns, registry("files", "format: generic\n  access: {usersSecret: deployers}"));
        await().atMost(TIMEOUT)
                .ignoreExceptions()
                .untilAsserted(() -> assertThat(condition(observedStatus(client, ns, "files"), "ConfigResolved")
                                .status())
                        .isEqualTo(ConditionStatus.TRUE));
        String resourceVersion =
                RegistryOperator.registry(client, ns, "files").getMetadata().getResourceVersion();
        String checksum = checksum(statefulSet(ns, "files"));
        double reconciled = RegistryOperator.successfulReconciles(meters, "Registry");

        // A rotated password rolls the pods but changes nothing in the Registry's status.
        client.resource(SampleSecrets.secret(ns, "deployers", Map.of("users", "ci:$2b$10$y\n")))
                .update();

        await().atMost(TIMEOUT).untilAsserted(() -> {
            assertThat(checksum(statefulSet(ns, "files"))).isNotEqualTo(checksum);
            assertThat(RegistryOperator.successfulReconciles(meters, "Registry"))
                    .isGreaterThan(reconciled);
        });
        assertThat(RegistryOperator.registry(client, ns, "files").getMetadata().getResourceVersion())
                .isEqualTo(resourceVersion);
    }

    private static final String S3_AND_POSTGRES = """
              storage: {s3: {endpoint: "http://minio.storage:9000", bucket: wharf, credentialsSecret: minio-creds}}
              database: {postgres: {secret: wharf-db}}
            """;

    static Registry registry(String name, String spec, String... labels) {
        String labelBlock = labels.length == 0 ? "" : "\n  labels: {" + String.join(", ", labels) + "}";
        return YAML.unmarshal("""
                apiVersion: wharf.dev/v1alpha1
                kind: Registry
                metadata:
                  name: %s%s
                spec:
                  %s
                """.formatted(name, labelBlock, spec.strip()), Registry.class);
    }

    static HasMetadata upstreamProxy(String name, String url) {
        return YAML.unmarshal("""
                apiVersion: wharf.dev/v1alpha1
                kind: UpstreamProxy
                metadata: {name: %s}
                spec: {format: npm, url: "%s"}
                """.formatted(name, url), dev.wharf.api.v1alpha1.upstream.UpstreamProxy.class);
    }

    static HasMetadata cleanupPolicy(String name, String matchLabel) {
        return YAML.unmarshal("""
                apiVersion: wharf.dev/v1alpha1
                kind: CleanupPolicy
                metadata: {name: %s}
                spec:
                  registrySelector: {matchLabels: {%s}}
                  schedule: "@daily"
                  rules: [{name: old, olderThan: 90d}]
                """.formatted(name, matchLabel), dev.wharf.api.v1alpha1.cleanup.CleanupPolicy.class);
    }

    /**
     * Creates the resource in the namespace, or replaces its spec and labels when it exists, keeping its status as
     * {@code kubectl apply} would (the mock server, unlike an API server, would otherwise drop it).
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static void apply(String namespace, HasMetadata resource) {
        resource.getMetadata().setNamespace(namespace);
        for (int attempt = 1; ; attempt++) {
            HasMetadata existing = client.resource(resource).get();
            try {
                if (existing == null) {
                    client.resource(resource).create();
                } else {
                    resource.getMetadata()
                            .setResourceVersion(existing.getMetadata().getResourceVersion());
                    if (resource instanceof CustomResource custom && existing instanceof CustomResource current) {
                        custom.setStatus(current.getStatus());
                    }
                    client.resource(resource).update();
                }
                return;
            } catch (KubernetesClientException e) {
                // The operator wrote the status in between: read again, as kubectl apply retries.
                if (e.getCode() != 409 || attempt == 5) {
                    throw e;
                }
            }
        }
    }

    static void applySecrets(String namespace) {
        for (Secret secret : SampleSecrets.cluster()) {
            secret.getMetadata().setNamespace(namespace);
            client.resource(secret).create();
        }
    }

    /** What the Deployment controller writes once every pod of the current template is ready. */
    static void rolledOut(String namespace, String name) {
        client.apps().deployments().inNamespace(namespace).withName(name).editStatus(deployment -> {
            int replicas = deployment.getSpec().getReplicas() == null
                    ? 1
                    : deployment.getSpec().getReplicas();
            deployment.setStatus(new DeploymentStatusBuilder()
                    .withObservedGeneration(deployment.getMetadata().getGeneration())
                    .withReplicas(replicas)
                    .withUpdatedReplicas(replicas)
                    .withReadyReplicas(replicas)
                    .withAvailableReplicas(replicas)
                    .build());
            return deployment;
        });
    }

    /** A pod of the Deployment's template in ImagePullBackOff, as the kubelet reports it. */
    static Pod failingPod(String namespace, String name, Deployment deployment) {
        return new PodBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(namespace)
                .withLabels(deployment.getSpec().getTemplate().getMetadata().getLabels())
                .endMetadata()
                .withSpec(deployment.getSpec().getTemplate().getSpec())
                .withNewStatus()
                .withPhase("Pending")
                .addNewContainerStatus()
                .withName("registry")
                .withImage("wharf/registry-runtime:9.9")
                .withReady(false)
                .withRestartCount(0)
                .withNewState()
                .withNewWaiting()
                .withReason("ImagePullBackOff")
                .withMessage("Back-off pulling image \"wharf/registry-runtime:9.9\"")
                .endWaiting()
                .endState()
                .endContainerStatus()
                .endStatus()
                .build();
    }

    static ConfigMap configMap(String namespace, String registry) {
        return present(
                client.configMaps()
                        .inNamespace(namespace)
                        .withName(registry + "-config")
                        .get(),
                "ConfigMap of " + registry);
    }

    static Deployment deployment(String namespace, String name) {
        return present(
                client.apps()
                        .deployments()
                        .inNamespace(namespace)
                        .withName(name)
                        .get(),
                "Deployment " + name);
    }

    static StatefulSet statefulSet(String namespace, String name) {
        return present(
                client.apps()
                        .statefulSets()
                        .inNamespace(namespace)
                        .withName(name)
                        .get(),
                "StatefulSet " + name);
    }

    static String checksum(Deployment deployment) {
        return deployment.getSpec().getTemplate().getMetadata().getAnnotations().get(PodTemplates.SECRETS_CHECKSUM);
    }

    static String checksum(StatefulSet statefulSet) {
        return statefulSet
                .getSpec()
                .getTemplate()
                .getMetadata()
                .getAnnotations()
                .get(PodTemplates.SECRETS_CHECKSUM);
    }

    static Condition condition(RegistryStatus status, String type) {
        return present(Conditions.find(status.conditions(), type), type + " condition");
    }
}
