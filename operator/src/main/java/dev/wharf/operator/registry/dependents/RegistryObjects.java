package dev.wharf.operator.registry.dependents;

import dev.wharf.api.v1alpha1.registry.Registry;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.net.URI;
import java.util.Map;
import java.util.TreeMap;

/**
 * Names and labels of the objects a Registry runs as. Only these labels go on them: nothing is copied from the
 * Registry's own labels or annotations, so GitOps tools do not see them as part of the Registry's application.
 */
public final class RegistryObjects {

    /** The label every object the operator manages carries; the dependents' informers select on it. */
    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";

    /** The value of {@link #MANAGED_BY}. */
    public static final String OPERATOR = "wharf-operator";

    /**
     * The label naming the Registry an object belongs to. Not {@code app.kubernetes.io/instance}: Argo CD's label-based
     * tracking sets that one to the name of the Argo CD Application, and a child carrying the Registry's name there
     * would be claimed by (or pruned from) an Application of that name.
     */
    public static final String INSTANCE = "wharf.dev/registry";

    /** The informer label selector of every dependent. */
    public static final String MANAGED_SELECTOR = MANAGED_BY + "=" + OPERATOR;

    static final String NAME = "app.kubernetes.io/name";
    static final String APP = "wharf-registry";

    private RegistryObjects() {}

    /**
     * The StatefulSet: the Registry's name, cut with a hash beyond {@value DerivedNames#STATEFUL_SET_MAX} characters so
     * that the revision labels its controller adds fit.
     */
    public static String statefulSetName(Registry registry) {
        return DerivedNames.fit(name(registry), "", DerivedNames.STATEFUL_SET_MAX);
    }

    /** The ServiceAccount, Deployment, Service, Ingress, PodDisruptionBudget and autoscaler name. */
    public static String name(Registry registry) {
        return registry.getMetadata().getName();
    }

    /** The ConfigMap holding the runtime configuration. */
    public static String configMapName(Registry registry) {
        return registry.getMetadata().getName() + "-config";
    }

    /** The Secret holding the status credential the operator presents to the runtime. */
    public static String statusSecretName(Registry registry) {
        return registry.getMetadata().getName() + "-status";
    }

    /** The runtime's root URL inside the cluster: the Service, port {@value RuntimeLayout#HTTP_PORT}. */
    public static URI serviceRoot(Registry registry) {
        return URI.create("http://" + name(registry) + "."
                + registry.getMetadata().getNamespace() + ".svc:" + RuntimeLayout.HTTP_PORT);
    }

    /** The labels that select the Registry's pods; they never change, as a workload's selector cannot. */
    public static Map<String, String> selectorLabels(Registry registry) {
        Map<String, String> labels = new TreeMap<>();
        labels.put(NAME, APP);
        labels.put(INSTANCE, registry.getMetadata().getName());
        return labels;
    }

    /** The labels of every object and pod of the Registry. */
    public static Map<String, String> labels(Registry registry) {
        Map<String, String> labels = selectorLabels(registry);
        labels.put("app.kubernetes.io/component", "registry");
        labels.put("app.kubernetes.io/part-of", "wharf");
        labels.put(MANAGED_BY, OPERATOR);
        labels.put("wharf.dev/format", registry.getSpec().format().id());
        return labels;
    }

    /** Metadata for an object of the Registry, in its namespace; the owner reference is added by the framework. */
    static ObjectMeta metadata(Registry registry, String name) {
        return new ObjectMetaBuilder()
                .withName(name)
                .withNamespace(registry.getMetadata().getNamespace())
                .withLabels(labels(registry))
                .build();
    }
}
