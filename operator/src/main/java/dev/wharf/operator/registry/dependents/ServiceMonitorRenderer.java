package dev.wharf.operator.registry.dependents;

import dev.wharf.api.v1alpha1.registry.Monitoring;
import dev.wharf.api.v1alpha1.registry.Registry;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The Prometheus operator's ServiceMonitor for a Registry's metrics, as a generic resource so that the operator needs
 * neither the Prometheus operator's model classes nor its CRD to start. It is not a workflow dependent: a dependent
 * watches its kind from the start, and the kind may not exist; {@code ServiceMonitors} applies it when the CRD does.
 */
public final class ServiceMonitorRenderer {

    /** The ServiceMonitor's apiVersion. */
    public static final String API_VERSION = "monitoring.coreos.com/v1";

    /** The ServiceMonitor's kind. */
    public static final String KIND = "ServiceMonitor";

    private ServiceMonitorRenderer() {}

    /** Whether the Registry asks for a ServiceMonitor. */
    public static boolean wanted(Registry registry) {
        Monitoring monitoring = registry.getSpec().monitoring();
        return monitoring != null && Boolean.TRUE.equals(monitoring.serviceMonitor());
    }

    /**
     * Whether {@code existing} already says what {@code desired} says: the operator's labels, its owner reference and
     * every field of its spec hold the same values. What others add (defaults of the CRD schema, an admission webhook,
     * labels a person sets) is not the operator's and never causes an update.
     */
    public static boolean upToDate(GenericKubernetesResource desired, GenericKubernetesResource existing) {
        Map<String, String> labels = existing.getMetadata().getLabels();
        boolean labelled = labels != null
                && labels.entrySet()
                        .containsAll(desired.getMetadata().getLabels().entrySet());
        boolean owned = existing.getMetadata().getOwnerReferences() != null
                && existing.getMetadata().getOwnerReferences().stream()
                        .anyMatch(owner -> desired.getMetadata().getOwnerReferences().stream()
                                .anyMatch(want -> Objects.equals(owner.getUid(), want.getUid())
                                        && Boolean.TRUE.equals(owner.getController())));
        return labelled
                && owned
                && contains(
                        existing.getAdditionalProperties().get("spec"),
                        desired.getAdditionalProperties().get("spec"));
    }

    /** Whether {@code actual} holds {@code wanted}: maps by key (extra keys allowed), lists element by element. */
    public static boolean contains(@Nullable Object actual, @Nullable Object wanted) {
        if (wanted instanceof Map<?, ?> want) {
            return actual instanceof Map<?, ?> have
                    && want.entrySet().stream().allMatch(entry -> contains(have.get(entry.getKey()), entry.getValue()));
        }
        if (wanted instanceof List<?> want) {
            if (!(actual instanceof List<?> have) || have.size() != want.size()) {
                return false;
            }
            for (int i = 0; i < want.size(); i++) {
                if (!contains(have.get(i), want.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return Objects.equals(actual, wanted);
    }

    /** The ServiceMonitor, owned by the Registry; only called when {@link #wanted} holds. */
    public static GenericKubernetesResource render(Registry registry) {
        Monitoring monitoring = Objects.requireNonNull(registry.getSpec().monitoring(), "spec.monitoring");
        Map<String, String> labels = RegistryObjects.labels(registry);
        if (monitoring.labels() != null) {
            // The user's labels let their Prometheus select it; the operator's own are kept.
            Map<String, String> merged = new TreeMap<>(monitoring.labels());
            merged.putAll(labels);
            labels = merged;
        }
        Map<String, Object> endpoint = new LinkedHashMap<>();
        endpoint.put("port", RuntimeLayout.METRICS_PORT_NAME);
        endpoint.put("path", RuntimeLayout.METRICS_PATH);
        if (monitoring.interval() != null) {
            endpoint.put("interval", monitoring.interval());
        }
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("selector", Map.of("matchLabels", RegistryObjects.selectorLabels(registry)));
        spec.put("endpoints", List.of(endpoint));
        return new GenericKubernetesResourceBuilder()
                .withApiVersion(API_VERSION)
                .withKind(KIND)
                .withNewMetadata()
                .withName(RegistryObjects.name(registry))
                .withNamespace(registry.getMetadata().getNamespace())
                .withLabels(labels)
                .addNewOwnerReference()
                .withApiVersion(registry.getApiVersion())
                .withKind(registry.getKind())
                .withName(registry.getMetadata().getName())
                .withUid(registry.getMetadata().getUid())
                .withController(true)
                .withBlockOwnerDeletion(false)
                .endOwnerReference()
                .endMetadata()
                .withAdditionalProperties(Map.of("spec", spec))
                .build();
    }
}
