package dev.wharf.operator.registry;

import dev.wharf.api.v1alpha1.registry.Registry;
import dev.wharf.operator.registry.dependents.RegistryObjects;
import dev.wharf.operator.registry.dependents.ServiceMonitorRenderer;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * Creates, updates or deletes a Registry's ServiceMonitor when the Prometheus operator's CRD exists, and does nothing
 * when it does not. A missing CRD is looked up again at most once a minute, so installing the Prometheus operator
 * later is noticed without a restart; an existing one is assumed to stay.
 */
final class ServiceMonitors {

    /** The CRD's name. */
    static final String CRD = "servicemonitors.monitoring.coreos.com";

    private static final Duration RECHECK = Duration.ofMinutes(1);

    private final Clock clock;
    private volatile boolean present;
    private volatile Instant checked = Instant.MIN;

    ServiceMonitors(Clock clock) {
        this.clock = clock;
    }

    void apply(Registry registry, KubernetesClient client) {
        if (!crdPresent(client)) {
            return;
        }
        var monitors = client.genericKubernetesResources(
                        ServiceMonitorRenderer.API_VERSION, ServiceMonitorRenderer.KIND)
                .inNamespace(registry.getMetadata().getNamespace())
                .withName(RegistryObjects.name(registry));
        if (!ServiceMonitorRenderer.wanted(registry)) {
            GenericKubernetesResource existing = monitors.get();
            if (existing != null && isOurs(existing)) {
                monitors.delete();
            }
            return;
        }
        GenericKubernetesResource desired = ServiceMonitorRenderer.render(registry);
        GenericKubernetesResource existing = monitors.get();
        if (existing == null) {
            client.resource(desired).create();
        } else if (!ServiceMonitorRenderer.upToDate(desired, existing)) {
            // Only what the operator owns is put back: labels others added stay.
            Map<String, String> labels = new TreeMap<>();
            if (existing.getMetadata().getLabels() != null) {
                labels.putAll(existing.getMetadata().getLabels());
            }
            labels.putAll(desired.getMetadata().getLabels());
            desired.getMetadata().setLabels(labels);
            desired.getMetadata().setResourceVersion(existing.getMetadata().getResourceVersion());
            client.resource(desired).update();
        }
    }

    private boolean crdPresent(KubernetesClient client) {
        if (!present && clock.instant().isAfter(checked.plus(RECHECK))) {
            checked = clock.instant();
            present = client.apiextensions()
                            .v1()
                            .customResourceDefinitions()
                            .withName(CRD)
                            .get()
                    != null;
        }
        return present;
    }

    private static boolean isOurs(GenericKubernetesResource resource) {
        return resource.getMetadata().getLabels() != null
                && RegistryObjects.OPERATOR.equals(
                        resource.getMetadata().getLabels().get(RegistryObjects.MANAGED_BY));
    }
}
