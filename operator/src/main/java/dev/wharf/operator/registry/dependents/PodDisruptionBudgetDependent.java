package dev.wharf.operator.registry.dependents;

import dev.wharf.api.v1alpha1.registry.DisruptionBudget;
import dev.wharf.api.v1alpha1.registry.Registry;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import java.util.Objects;

/** The PodDisruptionBudget of {@code spec.disruptionBudget}. */
@KubernetesDependent(informer = @Informer(labelSelector = RegistryObjects.MANAGED_SELECTOR))
public final class PodDisruptionBudgetDependent extends RegistryDependent<PodDisruptionBudget> {

    public PodDisruptionBudgetDependent() {
        super(PodDisruptionBudget.class);
    }

    @Override
    String name(Registry registry) {
        return RegistryObjects.name(registry);
    }

    @Override
    protected PodDisruptionBudget desired(Registry registry, Context<Registry> context) {
        return render(registry);
    }

    /** The budget; only called when {@code spec.disruptionBudget} is set. */
    public static PodDisruptionBudget render(Registry registry) {
        DisruptionBudget budget =
                Objects.requireNonNull(registry.getSpec().disruptionBudget(), "spec.disruptionBudget");
        return new PodDisruptionBudgetBuilder()
                .withMetadata(RegistryObjects.metadata(registry, RegistryObjects.name(registry)))
                .withNewSpec()
                .withNewSelector()
                .withMatchLabels(RegistryObjects.selectorLabels(registry))
                .endSelector()
                .withMinAvailable(budget.minAvailable() == null ? null : new IntOrString(budget.minAvailable()))
                .withMaxUnavailable(budget.maxUnavailable() == null ? null : new IntOrString(budget.maxUnavailable()))
                .endSpec()
                .build();
    }
}
