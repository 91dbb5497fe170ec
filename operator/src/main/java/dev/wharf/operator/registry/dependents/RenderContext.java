package dev.wharf.operator.registry.dependents;

import dev.wharf.api.v1alpha1.registry.Registry;
import dev.wharf.operator.references.RegistryInputs;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * What every dependent renders from, resolved once per reconcile by the reconciler and handed to the workflow through
 * the context.
 *
 * @param inputs the Registry and what it refers to
 * @param image the runtime image to run
 * @param renderedBy the operator's default runtime image, which names its version: stamped on the workloads
 * @param pace the slots an operator upgrade's rollouts take
 * @param deferred set by a workload dependent whose rollout waits for a slot: how long
 */
public record RenderContext(
        RegistryInputs inputs,
        String image,
        String renderedBy,
        UpgradePace pace,
        AtomicReference<@Nullable Duration> deferred) {

    private static final String KEY = RenderContext.class.getName();

    public RenderContext(RegistryInputs inputs, String image, String renderedBy, UpgradePace pace) {
        this(inputs, image, renderedBy, pace, new AtomicReference<>());
    }

    /** Records that the workload's rollout waits {@code wait} for a slot. */
    void defer(Duration wait) {
        deferred.set(wait);
    }

    /** How long a rollout of this reconcile waits for a slot; empty when none waits. */
    public Optional<Duration> waiting() {
        return Optional.ofNullable(deferred.get());
    }

    /** Hands this to the dependents of the reconcile that {@code context} belongs to. */
    public void putInto(Context<Registry> context) {
        context.managedWorkflowAndDependentResourceContext().put(KEY, this);
    }

    /** The render context the reconciler put into {@code context}. */
    public static RenderContext from(Context<Registry> context) {
        return context.managedWorkflowAndDependentResourceContext().getMandatory(KEY, RenderContext.class);
    }
}
