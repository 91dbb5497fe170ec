package dev.wharf.operator.registry.dependents;

import dev.wharf.api.v1alpha1.registry.Monitoring;
import dev.wharf.api.v1alpha1.registry.Registry;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.javaoperatorsdk.operator.processing.GroupVersionKind;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.Creator;
import io.javaoperatorsdk.operator.processing.dependent.Updater;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.GenericKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.api.reconciler.dependent.GarbageCollected;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The Prometheus operator's ServiceMonitor for the Registry's metrics, as a generic resource so that the operator
 * needs neither the Prometheus operator's model classes nor its CRD to start; it is only active when the CRD exists
 * (see {@link PrometheusOperatorPresent}).
 */
@KubernetesDependent(informer = @Informer(labelSelector = RegistryObjects.MANAGED_SELECTOR))
public final class ServiceMonitorDependent extends GenericKubernetesDependentResource<Registry>
        implements Creator<GenericKubernetesResource, Registry>,
                Updater<GenericKubernetesResource, Registry>,
                GarbageCollected<Registry> {

    /** The ServiceMonitor's group, version and kind. */
    public static final GroupVersionKind GVK = new GroupVersionKind("monitoring.coreos.com", "v1", "ServiceMonitor");

    public ServiceMonitorDependent() {
        super(GVK);
    }

    @Override
    protected GenericKubernetesResource desired(Registry registry, Context<Registry> context) {
        return render(registry);
    }

    /** The ServiceMonitor; only called when {@code spec.monitoring.serviceMonitor} is true. */
    public static GenericKubernetesResource render(Registry registry) {
        Monitoring monitoring = Objects.requireNonNull(registry.getSpec().monitoring(), "spec.monitoring");
        Map<String, String> labels = RegistryObjects.labels(registry);
        if (monitoring.labels() != null) {
            // The user's labels let their Prometheus select it; the operator's own keep the informer finding it.
            Map<String, String> merged = new TreeMap<>(monitoring.labels());
            merged.putAll(labels);
            labels = merged;
        }
        Map<String, Object> endpoint = new LinkedHashMap<>();
        endpoint.put("port", RuntimeLayout.HTTP_PORT_NAME);
        endpoint.put("path", RuntimeLayout.METRICS_PATH);
        if (monitoring.interval() != null) {
            endpoint.put("interval", monitoring.interval());
        }
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("selector", Map.of("matchLabels", RegistryObjects.selectorLabels(registry)));
        spec.put("endpoints", List.of(endpoint));
        return new GenericKubernetesResourceBuilder()
                .withApiVersion(GVK.getGroup() + "/" + GVK.getVersion())
                .withKind(GVK.getKind())
                .withNewMetadata()
                .withName(RegistryObjects.name(registry))
                .withNamespace(registry.getMetadata().getNamespace())
                .withLabels(labels)
                .endMetadata()
                .withAdditionalProperties(Map.of("spec", spec))
                .build();
    }
}
