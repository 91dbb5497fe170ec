package dev.wharf.operator.registry.dependents;

import dev.wharf.api.v1alpha1.registry.FilesystemStorage;
import dev.wharf.api.v1alpha1.registry.Registry;
import dev.wharf.api.v1alpha1.registry.RegistrySpec;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import org.jspecify.annotations.Nullable;

/**
 * The registry pods' controller: a Deployment when all state is outside the pod (S3 and PostgreSQL), otherwise a
 * StatefulSet whose volume claim holds the data directory.
 */
public final class Workloads {

    /** The size of the data volume when {@code spec.storage.filesystem.size} is unset. */
    static final String DEFAULT_VOLUME_SIZE = "10Gi";

    private Workloads() {}

    /** The Deployment of a Registry whose data is all in S3 and PostgreSQL. */
    public static Deployment deployment(RenderContext render) {
        Registry registry = render.inputs().registry();
        return new DeploymentBuilder()
                .withMetadata(RegistryObjects.metadata(registry, RegistryObjects.name(registry)))
                .withNewSpec()
                .withReplicas(replicas(registry.getSpec()))
                .withNewSelector()
                .withMatchLabels(RegistryObjects.selectorLabels(registry))
                .endSelector()
                .withTemplate(PodTemplates.render(render.inputs(), render.image(), false))
                .endSpec()
                .build();
    }

    /** The StatefulSet of a Registry with filesystem storage or the embedded database, one pod with its volume. */
    public static StatefulSet statefulSet(RenderContext render) {
        Registry registry = render.inputs().registry();
        return new StatefulSetBuilder()
                .withMetadata(RegistryObjects.metadata(registry, RegistryObjects.statefulSetName(registry)))
                .withNewSpec()
                .withServiceName(RegistryObjects.name(registry))
                .withReplicas(replicas(registry.getSpec()))
                .withNewSelector()
                .withMatchLabels(RegistryObjects.selectorLabels(registry))
                .endSelector()
                .withTemplate(PodTemplates.render(render.inputs(), render.image(), true))
                .withVolumeClaimTemplates(dataClaim(registry))
                // Retain: the claim outlives the StatefulSet; spec.deletionPolicy decides what happens to the data.
                .withNewPersistentVolumeClaimRetentionPolicy()
                .withWhenDeleted("Retain")
                .withWhenScaled("Retain")
                .endPersistentVolumeClaimRetentionPolicy()
                .endSpec()
                .build();
    }

    /** The name of the data claim of pod {@code ordinal}, as the StatefulSet controller names it. */
    public static String claimName(Registry registry, int ordinal) {
        return PodTemplates.DATA_VOLUME + "-" + RegistryObjects.statefulSetName(registry) + "-" + ordinal;
    }

    private static PersistentVolumeClaim dataClaim(Registry registry) {
        FilesystemStorage filesystem = registry.getSpec().storage() == null
                ? null
                : registry.getSpec().storage().filesystem();
        String size = filesystem == null || filesystem.size() == null ? DEFAULT_VOLUME_SIZE : filesystem.size();
        PersistentVolumeClaimBuilder claim = new PersistentVolumeClaimBuilder()
                .withNewMetadata()
                .withName(PodTemplates.DATA_VOLUME)
                .withLabels(RegistryObjects.labels(registry))
                .endMetadata()
                .withNewSpec()
                .withAccessModes("ReadWriteOnce")
                .withNewResources()
                .addToRequests("storage", new Quantity(size))
                .endResources()
                .endSpec();
        if (filesystem != null && filesystem.storageClassName() != null) {
            claim.editSpec().withStorageClassName(filesystem.storageClassName()).endSpec();
        }
        return claim.build();
    }

    /** Unset when an autoscaler owns the count, so that the operator does not fight it. */
    private static @Nullable Integer replicas(RegistrySpec spec) {
        if (spec.autoscaling() != null) {
            return null;
        }
        return spec.replicas() == null ? 1 : spec.replicas();
    }
}
