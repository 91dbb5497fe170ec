package dev.wharf.operator.registry.dependents;

import dev.wharf.api.v1alpha1.registry.Registry;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/** The registry pods' own ServiceAccount, so that RBAC and token audiences can be granted per Registry. */
@KubernetesDependent(informer = @Informer(labelSelector = RegistryObjects.MANAGED_SELECTOR))
public final class ServiceAccountDependent extends RegistryDependent<ServiceAccount> {

    public ServiceAccountDependent() {
        super(ServiceAccount.class);
    }

    @Override
    String name(Registry registry) {
        return RegistryObjects.name(registry);
    }

    @Override
    protected ServiceAccount desired(Registry registry, Context<Registry> context) {
        return render(registry);
    }

    /** The ServiceAccount; its token is mounted only where the pod asks for it. */
    public static ServiceAccount render(Registry registry) {
        return new ServiceAccountBuilder()
                .withMetadata(RegistryObjects.metadata(registry, RegistryObjects.name(registry)))
                .withAutomountServiceAccountToken(false)
                .build();
    }
}
