package dev.wharf.operator.registry.dependents;

import dev.wharf.api.v1alpha1.registry.Registry;
import dev.wharf.operator.config.RuntimeConfigRenderer;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/**
 * The runtime configuration: the Registry, its UpstreamProxies and the policies that apply to it, as manifest files.
 * The runtime watches the mounted directory and reloads it, so a change here needs no restart.
 */
@KubernetesDependent(informer = @Informer(labelSelector = RegistryObjects.MANAGED_SELECTOR))
public final class ConfigMapDependent extends CRUDKubernetesDependentResource<ConfigMap, Registry> {

    public ConfigMapDependent() {
        super(ConfigMap.class);
    }

    @Override
    protected ConfigMap desired(Registry registry, Context<Registry> context) {
        return render(RenderContext.from(context));
    }

    /** The ConfigMap, one data key per manifest file. */
    public static ConfigMap render(RenderContext render) {
        Registry registry = render.inputs().registry();
        return new ConfigMapBuilder()
                .withMetadata(RegistryObjects.metadata(registry, RegistryObjects.configMapName(registry)))
                .withData(RuntimeConfigRenderer.render(render.inputs()))
                .build();
    }
}
