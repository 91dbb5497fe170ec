package dev.wharf.operator.registry.dependents;

import dev.wharf.api.v1alpha1.common.Format;
import dev.wharf.api.v1alpha1.registry.Expose;
import dev.wharf.api.v1alpha1.registry.Registry;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressRuleValueBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressSpecBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The Ingress of {@code spec.expose}: the Registry's own paths and the management API to its Service, and nothing else,
 * so that {@code /actuator/**} (metrics, health) stays inside the cluster.
 */
@KubernetesDependent(informer = @Informer(labelSelector = RegistryObjects.MANAGED_SELECTOR))
public final class IngressDependent extends RegistryDependent<Ingress> {

    public IngressDependent() {
        super(Ingress.class);
    }

    @Override
    String name(Registry registry) {
        return RegistryObjects.name(registry);
    }

    @Override
    protected Ingress desired(Registry registry, Context<Registry> context) {
        return render(registry);
    }

    /** The Ingress; only called when {@code spec.expose} is set. */
    public static Ingress render(Registry registry) {
        Expose expose = Objects.requireNonNull(registry.getSpec().expose(), "spec.expose");
        var http = new HTTPIngressRuleValueBuilder();
        for (String path : routedPaths(registry)) {
            http.addNewPath()
                    .withPath(path)
                    .withPathType("Prefix")
                    .withNewBackend()
                    .withNewService()
                    .withName(RegistryObjects.name(registry))
                    .withNewPort()
                    .withName(RuntimeLayout.HTTP_PORT_NAME)
                    .endPort()
                    .endService()
                    .endBackend()
                    .endPath();
        }
        IngressSpecBuilder spec = new IngressSpecBuilder()
                .withIngressClassName(expose.ingressClassName())
                .addNewRule()
                .withHost(expose.host())
                .withHttp(http.build())
                .endRule();
        if (expose.tls() != null) {
            spec.addNewTl()
                    .withHosts(expose.host())
                    .withSecretName(expose.tls().secretName())
                    .endTl();
        }
        IngressBuilder ingress = new IngressBuilder()
                .withMetadata(RegistryObjects.metadata(registry, RegistryObjects.name(registry)))
                .withSpec(spec.build());
        if (expose.annotations() != null && !expose.annotations().isEmpty()) {
            ingress.editMetadata()
                    .withAnnotations(new TreeMap<>(expose.annotations()))
                    .endMetadata();
        }
        return ingress.build();
    }

    /**
     * The path prefixes clients of the Registry's format use: {@code /v2} for Docker (its clients only speak to the
     * host's root: the ping, the token realm {@code /v2/token} and the repositories), {@code /<format>/<registry>} for
     * every other format, and {@code /api} (tokens, the management API) for all.
     */
    static List<String> routedPaths(Registry registry) {
        String own = registry.getSpec().format() == Format.DOCKER
                ? "/v2"
                : "/" + registry.getSpec().format().id() + "/" + RegistryObjects.name(registry);
        return List.of(own, "/api");
    }
}
