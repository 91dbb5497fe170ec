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
        return RegistryObjects.name(registry);
    }

    @Override
    protected StatefulSet desired(Registry registry, Context<Registry> context) {
        return Workloads.statefulSet(RenderContext.from(context));
    }
}
