package dev.wharf.operator.registry.dependents;

import dev.wharf.api.v1alpha1.registry.Registry;
import dev.wharf.operator.config.RuntimeConfigRenderer;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.Matcher.Result;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import java.util.Objects;

/**
 * The runtime configuration: the Registry, its UpstreamProxies and the policies that apply to it, as manifest files.
 * The runtime watches the mounted directory and reloads it, so a change here needs no restart.
 */
@KubernetesDependent(informer = @Informer(labelSelector = RegistryObjects.MANAGED_SELECTOR))
public final class ConfigMapDependent extends RegistryDependent<ConfigMap> {

    public ConfigMapDependent() {
        super(ConfigMap.class);
    }

    @Override
    String name(Registry registry) {
        return RegistryObjects.configMapName(registry);
    }

    @Override
    protected ConfigMap desired(Registry registry, Context<Registry> context) {
        return render(RenderContext.from(context));
    }

    /**
     * Also a mismatch when the ConfigMap holds a file the desired one does not (a policy that no longer applies): the
     * generic matcher used without server-side apply tolerates extra keys, as it would fields an API server adds.
     */
    @Override
    public Result<ConfigMap> match(ConfigMap actual, ConfigMap desired, Registry registry, Context<Registry> context) {
        Result<ConfigMap> result = super.match(actual, desired, registry, context);
        if (result.matched() && !Objects.equals(actual.getData(), desired.getData())) {
            return Result.computed(false, desired);
        }
        return result;
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
