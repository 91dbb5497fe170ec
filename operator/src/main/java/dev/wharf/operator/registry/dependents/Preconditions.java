package dev.wharf.operator.registry.dependents;

import dev.wharf.api.v1alpha1.registry.Registry;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;

/**
 * When each optional dependent exists. A precondition that stops holding deletes the object, so removing
 * {@code spec.expose} removes the Ingress.
 */
public final class Preconditions {

    private Preconditions() {}

    /** The Deployment, when all data is in S3 and PostgreSQL. */
    public static final class UsesDeployment implements Condition<HasMetadata, Registry> {
        @Override
        public boolean isMet(
                DependentResource<HasMetadata, Registry> dependent, Registry registry, Context<Registry> context) {
            return !PodTemplates.persistentData(registry.getSpec());
        }
    }

    /** The StatefulSet, when the data directory needs a volume. */
    public static final class UsesStatefulSet implements Condition<HasMetadata, Registry> {
        @Override
        public boolean isMet(
                DependentResource<HasMetadata, Registry> dependent, Registry registry, Context<Registry> context) {
            return PodTemplates.persistentData(registry.getSpec());
        }
    }

    /** The Ingress, when {@code spec.expose} is set. */
    public static final class Exposed implements Condition<HasMetadata, Registry> {
        @Override
        public boolean isMet(
                DependentResource<HasMetadata, Registry> dependent, Registry registry, Context<Registry> context) {
            return registry.getSpec().expose() != null;
        }
    }

    /** The PodDisruptionBudget, when {@code spec.disruptionBudget} is set. */
    public static final class HasDisruptionBudget implements Condition<HasMetadata, Registry> {
        @Override
        public boolean isMet(
                DependentResource<HasMetadata, Registry> dependent, Registry registry, Context<Registry> context) {
            return registry.getSpec().disruptionBudget() != null;
        }
    }

    /** The HorizontalPodAutoscaler, when {@code spec.autoscaling} is set. */
    public static final class Autoscaled implements Condition<HasMetadata, Registry> {
        @Override
        public boolean isMet(
                DependentResource<HasMetadata, Registry> dependent, Registry registry, Context<Registry> context) {
            return registry.getSpec().autoscaling() != null;
        }
    }
}
