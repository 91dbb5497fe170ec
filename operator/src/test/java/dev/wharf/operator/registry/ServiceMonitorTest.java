package dev.wharf.operator.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.wharf.api.v1alpha1.registry.Registry;
import dev.wharf.operator.registry.dependents.ServiceMonitorRenderer;
import dev.wharf.operator.testing.RegistryOperator;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.javaoperatorsdk.operator.Operator;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A ServiceMonitor is made where the Prometheus operator's CRD exists and the Registry asks for one. */
@EnableKubernetesMockClient(crud = true)
class ServiceMonitorTest {

    static KubernetesClient client;
    static Operator operator;

    @BeforeAll
    static void start() {
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
        operator = RegistryOperator.start(client, new SimpleMeterRegistry());
    }

    @AfterAll
    static void stop() {
        operator.stop();
    }

    @Test
    void reconcileWhenTheRegistryAsksForMonitoringShouldCreateAServiceMonitorForItsService() {
        client.resource(new KubernetesSerialization().unmarshal("""
                        apiVersion: wharf.dev/v1alpha1
                        kind: Registry
                        metadata: {name: files, namespace: monitored}
                        spec: {format: generic, monitoring: {serviceMonitor: true, interval: 30s, labels: {release: prom}}}
                        """, Registry.class))
                .create();

        GenericKubernetesResource monitor = await().atMost(Duration.ofSeconds(30))
                .ignoreExceptions()
                .until(
                        () -> client.genericKubernetesResources("monitoring.coreos.com/v1", "ServiceMonitor")
                                .inNamespace("monitored")
                                .withName("files")
                                .get(),
                        found -> found != null);

        assertThat(monitor.getMetadata().getLabels()).containsEntry("release", "prom");
        assertThat(monitor.getMetadata().getOwnerReferences())
                .singleElement()
                .satisfies(owner -> assertThat(owner.getName()).isEqualTo("files"));
        assertThat(monitor.getAdditionalProperties().get("spec"))
                .isEqualTo(Map.of(
                        "selector",
                        Map.of(
                                "matchLabels",
                                Map.of(
                                        "wharf.dev/registry", "files",
                                        "app.kubernetes.io/name", "wharf-registry")),
                        "endpoints",
                        java.util.List.of(
                                Map.of("port", "metrics", "path", "/actuator/prometheus", "interval", "30s"))));
    }

    @Test
    void reconcileWhenOnlyOthersChangedTheServiceMonitorShouldLeaveItAndRestoreWhatTheOperatorOwns() {
        client.resource(new KubernetesSerialization().unmarshal("""
                        apiVersion: wharf.dev/v1alpha1
                        kind: Registry
                        metadata: {name: kept, namespace: monitored}
                        spec: {format: generic, monitoring: {serviceMonitor: true, interval: 30s}}
                        """, Registry.class))
                .create();
        var monitors = client.genericKubernetesResources("monitoring.coreos.com/v1", "ServiceMonitor")
                .inNamespace("monitored")
                .withName("kept");
        await().atMost(Duration.ofSeconds(30)).until(monitors::get, found -> found != null);
        // What a webhook or a person adds: a label, a default in the endpoint, a field the operator does not set.
        GenericKubernetesResource edited = monitors.edit(monitor -> {
            monitor.getMetadata().getLabels().put("team", "observability");
            @SuppressWarnings("unchecked")
            Map<String, Object> spec =
                    (Map<String, Object>) monitor.getAdditionalProperties().get("spec");
            spec.put("jobLabel", "app.kubernetes.io/name");
            @SuppressWarnings("unchecked")
            var endpoints = (java.util.List<Map<String, Object>>) spec.get("endpoints");
            endpoints.getFirst().put("scheme", "http");
            return monitor;
        });
        String version = edited.getMetadata().getResourceVersion();

        // A change of the Registry that reconciles it without touching its ServiceMonitor.
        RegistryOperator.registry(client, "monitored", "kept");
        client.resources(Registry.class)
                .inNamespace("monitored")
                .withName("kept")
                .edit(registry -> new KubernetesSerialization()
                        .unmarshal("""
                        apiVersion: wharf.dev/v1alpha1
                        kind: Registry
                        metadata: {name: kept, namespace: monitored, resourceVersion: "%s"}
                        spec: {format: generic, metadata: {team: web}, monitoring: {serviceMonitor: true, interval: 30s}}
                        """.formatted(registry.getMetadata().getResourceVersion()), Registry.class));
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> RegistryOperator.observedStatus(client, "monitored", "kept"));

        assertThat(monitors.get().getMetadata().getResourceVersion()).isEqualTo(version);

        // An owned field changed by someone else is put back.
        monitors.edit(monitor -> {
            monitor.getMetadata().getLabels().put("wharf.dev/format", "npm");
            return monitor;
        });
        client.resources(Registry.class)
                .inNamespace("monitored")
                .withName("kept")
                .edit(registry -> new KubernetesSerialization()
                        .unmarshal("""
                        apiVersion: wharf.dev/v1alpha1
                        kind: Registry
                        metadata: {name: kept, namespace: monitored, resourceVersion: "%s"}
                        spec: {format: generic, metadata: {team: ops}, monitoring: {serviceMonitor: true, interval: 30s}}
                        """.formatted(registry.getMetadata().getResourceVersion()), Registry.class));
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(monitors.get().getMetadata().getLabels())
                        .containsEntry("wharf.dev/format", "generic")
                        .containsEntry("team", "observability"));
    }

    @Test
    void containsWhenTheActualHasMoreKeysOrOtherListValuesShouldCompareOnlyTheWantedOnes() {
        Map<String, Object> wanted = Map.of("endpoints", java.util.List.of(Map.of("port", "http")));

        assertThat(ServiceMonitorRenderer.contains(
                        Map.of("endpoints", java.util.List.of(Map.of("port", "http", "scheme", "http")), "x", 1),
                        wanted))
                .isTrue();
        assertThat(ServiceMonitorRenderer.contains(
                        Map.of("endpoints", java.util.List.of(Map.of("port", "metrics"))), wanted))
                .isFalse();
        assertThat(ServiceMonitorRenderer.contains(
                        Map.of("endpoints", java.util.List.of(Map.of("port", "http"), Map.of("port", "http"))), wanted))
                .isFalse();
        assertThat(ServiceMonitorRenderer.contains(null, wanted)).isFalse();
    }
}
