package dev.wharf.operator.registry.dependents;

import dev.wharf.api.v1alpha1.registry.Registry;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import java.util.Optional;

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
        RenderContext render = RenderContext.from(context);
        StatefulSet desired = Workloads.statefulSet(render);
        Optional<StatefulSet> actual = getSecondaryResource(registry, context);
        actual.filter(current -> current.getSpec() != null
                        && current.getSpec().getVolumeClaimTemplates() != null
                        && !current.getSpec().getVolumeClaimTemplates().isEmpty())
                .ifPresent(current -> desired.getSpec()
                        .setVolumeClaimTemplates(current.getSpec().getVolumeClaimTemplates()));
        return UpgradePacing.paced(
                desired,
                actual,
                registry,
                render,
                statefulSet -> statefulSet.getSpec().getTemplate(),
                (statefulSet, template) -> statefulSet.getSpec().setTemplate(template));
    }
}
