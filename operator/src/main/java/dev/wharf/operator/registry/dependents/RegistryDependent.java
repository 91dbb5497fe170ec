package dev.wharf.operator.registry.dependents;

import dev.wharf.api.v1alpha1.registry.Registry;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.event.ResourceID;

/**
 * A dependent object of a Registry, found by its name without rendering it: an optional object whose precondition no
 * longer holds (an Ingress once {@code spec.expose} is removed) is found and deleted without its spec.
 */
abstract class RegistryDependent<R extends HasMetadata> extends CRUDKubernetesDependentResource<R, Registry> {

    RegistryDependent(Class<R> type) {
        super(type);
    }

    /** The object's name. */
    abstract String name(Registry registry);

    @Override
    protected final ResourceID targetSecondaryResourceID(Registry registry, Context<Registry> context) {
        return new ResourceID(name(registry), registry.getMetadata().getNamespace());
    }
}
