package dev.wharf.operator.registry.dependents;

import dev.wharf.api.v1alpha1.registry.Registry;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/** The ClusterIP Service named after the Registry: the in-cluster URL in its status. */
@KubernetesDependent(informer = @Informer(labelSelector = RegistryObjects.MANAGED_SELECTOR))
public final class ServiceDependent extends RegistryDependent<Service> {

    public ServiceDependent() {
        super(Service.class);
    }

    @Override
    String name(Registry registry) {
        return RegistryObjects.name(registry);
    }

    @Override
    protected Service desired(Registry registry, Context<Registry> context) {
        return render(registry);
    }

    /**
     * The Service: port {@value RuntimeLayout#HTTP_PORT} to the pods' http port, which an Ingress routes, and port
     * {@value RuntimeLayout#METRICS_PORT} to their metrics port, which only the ServiceMonitor names.
     */
    public static Service render(Registry registry) {
        return new ServiceBuilder()
                .withMetadata(RegistryObjects.metadata(registry, RegistryObjects.name(registry)))
                .withNewSpec()
                .withType("ClusterIP")
                .withSelector(RegistryObjects.selectorLabels(registry))
                .addNewPort()
                .withName(RuntimeLayout.HTTP_PORT_NAME)
                .withPort(RuntimeLayout.HTTP_PORT)
                .withTargetPort(new IntOrString(RuntimeLayout.HTTP_PORT_NAME))
                .withProtocol("TCP")
                .endPort()
                .addNewPort()
                .withName(RuntimeLayout.METRICS_PORT_NAME)
                .withPort(RuntimeLayout.METRICS_PORT)
                .withTargetPort(new IntOrString(RuntimeLayout.METRICS_PORT_NAME))
                .withProtocol("TCP")
                .endPort()
                .endSpec()
                .build();
    }
}
