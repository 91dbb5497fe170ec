package dev.wharf.operator.registry.dependents;

import dev.wharf.api.v1alpha1.registry.Registry;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/** The StatefulSet of a Registry whose data lives on a volume; see {@link Workloads#statefulSet}. */
@KubernetesDependent(informer = @Informer(labelSelector = RegistryObjects.MANAGED_SELECTOR))
public final class StatefulSetDependent extends RegistryDependent<StatefulSet> {

    public StatefulSetDependent() {
        super(StatefulSet.class);
    }

    @Override
    String name(Registry registry) {
        return RegistryObjects.statefulSetName(registry);
    }

    /**
     * The rendered StatefulSet, with the volume claim templates it already has: Kubernetes refuses any change to them,
     * and the CRD refuses the changes of size and class that would need one, but a Registry changed before that rule
     * existed must not fail every reconcile.
     */
    @Override
    protected StatefulSet desired(Registry registry, Context<Registry> context) {
        StatefulSet desired = Workloads.statefulSet(RenderContext.from(context));
        getSecondaryResource(registry, context)
                .filter(actual -> actual.getSpec() != null
                        && actual.getSpec().getVolumeClaimTemplates() != null
                        && !actual.getSpec().getVolumeClaimTemplates().isEmpty())
                .ifPresent(actual -> desired.getSpec()
                        .setVolumeClaimTemplates(actual.getSpec().getVolumeClaimTemplates()));
        return desired;
    }
}
