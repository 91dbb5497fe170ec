package dev.wharf.operator.shipping;

import static dev.wharf.operator.shipping.RepositoryFiles.CONFIG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.api.v1alpha1.registry.Registry;
import dev.wharf.operator.runtimestatus.RuntimeStatusClient;
import dev.wharf.operator.testing.ApiCalls;
import dev.wharf.operator.testing.RegistryOperator;
import dev.wharf.operator.testing.SampleSecrets;
import dev.wharf.operator.testing.Samples;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.javaoperatorsdk.operator.Operator;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The RBAC of config/rbac (and so of the chart, which HelmChartTest holds to the same lists) is what the operator
 * really calls: every operator the tests of this JVM start records its requests ({@link ApiCalls}); this test adds a
 * run through every feature (the samples, a ServiceMonitor, deletion with the data volume and with
 * the purge Job) and compares both ways: every call is granted, every grant is called.
 */
@EnableKubernetesMockClient(crud = true)
class RbacFromRecordedCallsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final KubernetesSerialization YAML = new KubernetesSerialization();

    static KubernetesClient client;

    /**
     * Grants a real cluster needs that this run cannot show. In production java-operator-sdk writes dependents and
     * status by server-side apply, a PATCH; the mock server answers server-side apply as a merge patch, so the tests
     * turn it off and record create and update instead. Updates of dependents follow a changed spec, deletes a feature
     * turned off (expose, disruption budget, autoscaling, a ServiceMonitor, the other workload kind), an update of
     * the status credential a person's edit of it.
     */
    static final Set<String> NOT_SEEN_ON_THE_MOCK_SERVER = Set.of(
            "wharf.dev/registries/status: patch",
            "wharf.dev/upstreamproxies/status: patch",
            "wharf.dev/cleanuppolicies/status: patch",
            "wharf.dev/firewallpolicies/status: patch",
            "core/serviceaccounts: patch",
            "core/serviceaccounts: update",
            "core/configmaps: patch",
            "core/configmaps: update",
            "core/services: patch",
            "core/services: update",
            "core/secrets: patch",
            "core/secrets: update",
            "apps/deployments: patch",
            "apps/deployments: update",
            "apps/statefulsets: patch",
            "apps/statefulsets: update",
            "apps/statefulsets: delete",
            "networking.k8s.io/ingresses: patch",
            "networking.k8s.io/ingresses: update",
            "networking.k8s.io/ingresses: delete",
            "policy/poddisruptionbudgets: patch",
            "policy/poddisruptionbudgets: update",
            "policy/poddisruptionbudgets: delete",
            "autoscaling/horizontalpodautoscalers: patch",
            "autoscaling/horizontalpodautoscalers: update",
            "autoscaling/horizontalpodautoscalers: delete",
            "monitoring.coreos.com/servicemonitors: update",
            "monitoring.coreos.com/servicemonitors: delete");

    @Test
    void grantsWhenTheOperatorRunsEveryFeatureShouldBeExactlyTheCallsItMakes() {
        createServiceMonitorCrd();
        Operator operator =
                RegistryOperator.start(client, new SimpleMeterRegistry(), RuntimeStatusClient.DISABLED, Map.of());
        try {
            runEveryFeature();
        } finally {
            operator.stop();
        }

        Set<String> granted = new TreeSet<>();
        for (JsonNode role : RepositoryFiles.documents(CONFIG.resolve("rbac").resolve("role.yaml"))) {
            // Leader election cannot start on the mock server (java-operator-sdk first posts a SelfSubjectRulesReview,
            // which it refuses): its Role, pinned by RbacRulesTest, is left out of the comparison.
            if (!role.path("metadata").path("name").asText().equals("wharf-operator-leader-election")) {
                granted.addAll(RbacRules.grants(role));
            }
        }
        Set<String> called = ApiCalls.recorded();

        assertThat(called)
                .as("calls the operator made that config/rbac/role.yaml does not grant (a real cluster refuses them)")
                .isSubsetOf(granted);
        Set<String> unused = new TreeSet<>(granted);
        unused.removeAll(called);
        assertThat(unused)
                .as("grants of config/rbac/role.yaml the operator never used here and that no production path needs:"
                        + " remove them")
                .isSubsetOf(NOT_SEEN_ON_THE_MOCK_SERVER);
    }

    @Test
    void grantOfARequestShouldNameGroupResourceAndVerbAsRbacDoes() {
        assertThat(ApiCalls.grant("GET", URI.create("https://k/api/v1/namespaces/a/secrets?watch=true&x=1")))
                .contains("core/secrets: watch");
        assertThat(ApiCalls.grant("GET", URI.create("https://k/api/v1/namespaces/a/secrets")))
                .contains("core/secrets: list");
        assertThat(ApiCalls.grant(
                        "PATCH", URI.create("https://k/apis/wharf.dev/v1alpha1/namespaces/a/registries/r/status")))
                .contains("wharf.dev/registries/status: patch");
        assertThat(ApiCalls.grant(
                        "GET", URI.create("https://k/apis/apiextensions.k8s.io/v1/customresourcedefinitions/x.y")))
                .contains("apiextensions.k8s.io/customresourcedefinitions: get");
        assertThat(ApiCalls.grant("DELETE", URI.create("https://k/apis/batch/v1/namespaces/a/jobs")))
                .contains("batch/jobs: deletecollection");
        assertThat(ApiCalls.grant("GET", URI.create("https://k/apis"))).isEmpty();
    }

    private static void runEveryFeature() {
        SampleSecrets.cluster().forEach(secret -> client.resource(secret).create());
        List<HasMetadata> samples = Samples.all();
        samples.stream()
                .filter(s -> !(s instanceof Registry))
                .forEach(s -> client.resource(s).create());
        samples.stream()
                .filter(Registry.class::isInstance)
                .forEach(s -> client.resource(s).create());
        create("""
                metadata: {name: monitored, namespace: rbac}
                spec: {format: generic, monitoring: {serviceMonitor: true}}
                """);
        create("""
                metadata: {name: volume, namespace: rbac}
                spec: {format: generic, storage: {filesystem: {}}, deletionPolicy: Delete}
                """);
        client.resource(SampleSecrets.secret("rbac", "minio-creds", Map.of("accessKey", "a", "secretKey", "s")))
                .create();
        client.resource(SampleSecrets.secret(
                        "rbac", "wharf-db", Map.of("url", "postgresql://db:5432/w", "username", "u", "password", "p")))
                .create();
        create("""
                metadata: {name: images, namespace: rbac}
                spec:
                  format: docker
                  deletionPolicy: Delete
                  storage: {s3: {endpoint: "http://minio.storage:9000", bucket: wharf, credentialsSecret: minio-creds}}
                  database: {postgres: {secret: wharf-db}}
                """);
        await().atMost(TIMEOUT)
                .until(() -> client.resources(Registry.class).inAnyNamespace().list().getItems().stream()
                        .allMatch(registry -> registry.getStatus() != null
                                && Objects.equals(
                                        registry.getStatus().observedGeneration(),
                                        registry.getMetadata().getGeneration())));
        await().atMost(TIMEOUT)
                .until(() -> client.genericKubernetesResources("monitoring.coreos.com/v1", "ServiceMonitor")
                                .inNamespace("rbac")
                                .withName("monitored")
                                .get()
                        != null);

        // The claim the StatefulSet controller would make, deleted with the Registry.
        client.persistentVolumeClaims()
                .resource(new PersistentVolumeClaimBuilder()
                        .withNewMetadata()
                        .withName("data-volume-0")
                        .withNamespace("rbac")
                        .withLabels(Map.of(
                                "app.kubernetes.io/managed-by", "wharf-operator", "wharf.dev/registry", "volume"))
                        .endMetadata()
                        .build())
                .create();
        client.resources(Registry.class).inNamespace("rbac").withName("volume").delete();
        client.resources(Registry.class).inNamespace("rbac").withName("images").delete();
        Job job = await().atMost(TIMEOUT)
                .until(
                        () -> client.batch()
                                .v1()
                                .jobs()
                                .inNamespace("rbac")
                                .withName("images-purge")
                                .get(),
                        Objects::nonNull);
        client.batch()
                .v1()
                .jobs()
                .inNamespace("rbac")
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
                .until(() -> client.resources(Registry.class)
                                .inNamespace("rbac")
                                .withName("images")
                                .get()
                        == null);
        await().atMost(TIMEOUT)
                .until(() -> client.resources(Registry.class)
                                .inNamespace("rbac")
                                .withName("volume")
                                .get()
                        == null);
    }

    private static void create(String metadataAndSpec) {
        client.resource(YAML.unmarshal(
                        "apiVersion: wharf.dev/v1alpha1\nkind: Registry\n" + metadataAndSpec, Registry.class))
                .create();
    }

    private static void createServiceMonitorCrd() {
        client.apiextensions()
                .v1()
                .customResourceDefinitions()
                .resource(new CustomResourceDefinitionBuilder()
                        .withNewMetadata()
                        .withName("servicemonitors.monitoring.coreos.com")
                        .endMetadata()
                        .withNewSpec()
                        .withGroup("monitoring.coreos.com")
                        .withScope("Namespaced")
                        .withNewNames()
                        .withKind("ServiceMonitor")
                        .withPlural("servicemonitors")
                        .withSingular("servicemonitor")
                        .endNames()
                        .addNewVersion()
                        .withName("v1")
                        .withServed(true)
                        .withStorage(true)
                        .withNewSchema()
                        .withNewOpenAPIV3Schema()
                        .withType("object")
                        .withXKubernetesPreserveUnknownFields(true)
                        .endOpenAPIV3Schema()
                        .endSchema()
                        .endVersion()
                        .endSpec()
                        .build())
                .create();
    }
}
