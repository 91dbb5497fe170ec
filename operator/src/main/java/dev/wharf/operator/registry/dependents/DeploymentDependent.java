package dev.wharf.operator.registry.dependents;

import dev.wharf.api.v1alpha1.registry.Registry;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/** The Deployment of a Registry that keeps no data in its pods; see {@link Workloads#deployment}. */
@KubernetesDependent(informer = @Informer(labelSelector = RegistryObjects.MANAGED_SELECTOR))
public final class DeploymentDependent extends RegistryDependent<Deployment> {

    public DeploymentDependent() {
        super(Deployment.class);
    }

    @Override
    String name(Registry registry) {
        return RegistryObjects.name(registry);
    }

    @Override
    protected Deployment desired(Registry registry, Context<Registry> context) {
        RenderContext render = RenderContext.from(context);
        return UpgradePacing.paced(
                Workloads.deployment(render),
                getSecondaryResource(registry, context),
                registry,
                render,
                deployment -> deployment.getSpec().getTemplate(),
                (deployment, template) -> deployment.getSpec().setTemplate(template));
    }
}
