package dev.wharf.operator.registry;

import dev.wharf.api.v1alpha1.registry.Registry;
import dev.wharf.operator.registry.dependents.RegistryObjects;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replaces a Registry's Deployment or StatefulSet that an older operator created with another pod selector. A
 * selector cannot change (the API server refuses the update on every reconcile), so the old workload is deleted, its
 * pods with it, and the workflow creates the new one on the next reconcile; a StatefulSet's volume claims are
 * retained and the new StatefulSet's pods mount the same claims, so no data is lost. The pods are down in between.
 */
final class SelectorMigration {

    private static final Logger log = LoggerFactory.getLogger(SelectorMigration.class);

    private SelectorMigration() {}

    /** Deletes the Registry's workload whose selector is not the current one; whether one was deleted. */
    static boolean replaceStale(Registry registry, Context<Registry> context) {
        Map<String, String> wanted = RegistryObjects.selectorLabels(registry);
        Optional<? extends HasMetadata> stale = context.getSecondaryResource(Deployment.class)
                .filter(deployment -> !selects(deployment.getSpec().getSelector(), wanted))
                .<HasMetadata>map(deployment -> deployment)
                .or(() -> context.getSecondaryResource(StatefulSet.class)
                        .filter(set -> !selects(set.getSpec().getSelector(), wanted)));
        if (stale.isEmpty()) {
            return false;
        }
        HasMetadata workload = stale.get();
        log.info(
                "Registry {}/{}: {} {} selects its pods by {}, not by {}; a selector cannot change, so it is"
                        + " replaced (its pods restart, its volume claims are kept)",
                registry.getMetadata().getNamespace(),
                registry.getMetadata().getName(),
                workload.getKind(),
                workload.getMetadata().getName(),
                matchLabels(selectorOf(workload)),
                wanted);
        KubernetesClient client = context.getClient();
        client.resource(workload)
                .withPropagationPolicy(DeletionPropagation.BACKGROUND)
                .delete();
        return true;
    }

    private static boolean selects(@Nullable LabelSelector selector, Map<String, String> wanted) {
        return selector != null
                && (selector.getMatchExpressions() == null
                        || selector.getMatchExpressions().isEmpty())
                && Objects.equals(selector.getMatchLabels(), wanted);
    }

    private static @Nullable LabelSelector selectorOf(HasMetadata workload) {
        if (workload instanceof Deployment deployment) {
            return deployment.getSpec().getSelector();
        }
        return ((StatefulSet) workload).getSpec().getSelector();
    }

    private static Map<String, String> matchLabels(@Nullable LabelSelector selector) {
        return selector == null || selector.getMatchLabels() == null ? Map.of() : selector.getMatchLabels();
    }
}
