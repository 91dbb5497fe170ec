package dev.wharf.operator.registry.dependents;

import dev.wharf.api.v1alpha1.registry.Registry;
import dev.wharf.operator.references.RegistryInputs;
import io.javaoperatorsdk.operator.api.reconciler.Context;

/**
 * What every dependent renders from, resolved once per reconcile by the reconciler and handed to the workflow through
 * the context.
 *
 * @param inputs the Registry and what it refers to
 * @param image the runtime image to run
 */
public record RenderContext(RegistryInputs inputs, String image) {

    private static final String KEY = RenderContext.class.getName();

    /** Hands this to the dependents of the reconcile that {@code context} belongs to. */
    public void putInto(Context<Registry> context) {
        context.managedWorkflowAndDependentResourceContext().put(KEY, this);
    }

    /** The render context the reconciler put into {@code context}. */
    public static RenderContext from(Context<Registry> context) {
        return context.managedWorkflowAndDependentResourceContext().getMandatory(KEY, RenderContext.class);
    }
}
