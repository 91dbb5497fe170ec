package dev.wharf.operator.registry;

import dev.wharf.api.v1alpha1.registry.Registry;
import dev.wharf.api.v1alpha1.registry.RegistrySpec;
import dev.wharf.operator.config.RuntimeConfigRenderer;
import dev.wharf.operator.references.RegistryInputs;
import dev.wharf.operator.registry.dependents.DerivedNames;
import dev.wharf.operator.registry.dependents.PodTemplates;
import dev.wharf.operator.registry.dependents.RegistryObjects;
import dev.wharf.operator.registry.dependents.RuntimeLayout;
import dev.wharf.operator.registry.dependents.Workloads;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Job that purges a deleted Registry's data with {@code spec.deletionPolicy: Delete}: the runtime image run once
 * as {@code --wharf.purge.registry=<name>}, in the pod the Registry's own pods run in (the same Secrets, environment
 * and security context) but without ports or probes, and labelled so that no Service or PodDisruptionBudget of the
 * Registry selects it. It needs nothing the Registry owns, since the garbage collector may have removed that already
 * (foreground deletion removes the owned objects before the owner): its configuration is a ConfigMap of its own, owned
 * by the Job, and it runs as the namespace's {@code default} ServiceAccount without a token. It cannot hang: a
 * deadline and a backoff limit end it as failed. Pure: the reconciler creates and watches it.
 */
final class PurgeJobs {

    /** The argument that names the registry to purge; the runtime's {@code PurgeCommand.REGISTRY}. */
    static final String REGISTRY_ARGUMENT = "--wharf.purge.registry=";

    /** The argument that leaves blob bytes alone; the runtime's {@code PurgeCommand.BLOBS}. */
    static final String METADATA_ONLY_ARGUMENT = "--wharf.purge.blobs=false";

    /** Retries of a failed purge pod before the Job fails; the purge continues where the last one stopped. */
    static final int BACKOFF_LIMIT = 2;

    /**
     * The longest a purge Job may run, pods that cannot start included (an image that cannot be pulled, a volume that
     * cannot be attached): 3 hours. Then it fails, the failure is reported on the Registry, and the next Job continues
     * where this one stopped.
     */
    static final long ACTIVE_DEADLINE_SECONDS = 3 * 3600L;

    /** The ServiceAccount the purge pod runs as: every namespace has it, and the Registry's own may be gone. */
    static final String SERVICE_ACCOUNT = "default";

    /**
     * How long a finished Job stays, for {@code kubectl logs}. A failed one is made again after that, so the purge is
     * retried once a day until it succeeds or its finalizer is removed.
     */
    static final int TTL_SECONDS_AFTER_FINISHED = 86_400;

    static final String COMPONENT = "purge";

    private static final String SUFFIX = "-purge";

    /** What a Registry's deletion has to purge with a Job. */
    enum Scope {
        /** Nothing: filesystem blobs and the embedded database are on the data volume, which is deleted. */
        NONE,
        /** The PostgreSQL rows only: the blobs are on the data volume, which is deleted. */
        METADATA,
        /** The S3 objects and the metadata rows (in PostgreSQL, or in the embedded database that lists the blobs). */
        ALL
    }

    private PurgeJobs() {}

    /** What the Registry's storage and database leave to a Job. */
    static Scope scope(RegistrySpec spec) {
        boolean s3 = spec.storage() != null && spec.storage().s3() != null;
        boolean postgres = spec.database() != null && spec.database().postgres() != null;
        if (s3) {
            return Scope.ALL;
        }
        return postgres ? Scope.METADATA : Scope.NONE;
    }

    /** {@code <registry>-purge}, cut with a hash so that the whole stays a label value (its pods carry it). */
    static String name(Registry registry) {
        return DerivedNames.fit(RegistryObjects.name(registry), SUFFIX, DerivedNames.LABEL_MAX);
    }

    /** The purge Job of a Registry whose {@link #scope} is not {@link Scope#NONE}. */
    static Job render(RegistryInputs inputs, String image) {
        Registry registry = inputs.registry();
        RegistrySpec spec = registry.getSpec();
        Scope scope = scope(spec);
        if (scope == Scope.NONE) {
            throw new IllegalArgumentException("Registry " + RegistryObjects.name(registry)
                    + " keeps all its data on its volume: deleting the volume purges it, no Job is needed");
        }
        PodTemplateSpec registryPod = PodTemplates.render(inputs, image, PodTemplates.persistentData(spec));
        PodSpec pod = registryPod.getSpec();
        Container registryContainer = pod.getContainers().getFirst();
        List<String> args = new ArrayList<>(List.of(REGISTRY_ARGUMENT + RegistryObjects.name(registry)));
        if (scope == Scope.METADATA) {
            args.add(METADATA_ONLY_ARGUMENT);
        }
        Container container = new ContainerBuilder(registryContainer)
                .withName(COMPONENT)
                // The status credential and the metrics port are for a serving runtime; the purge answers no request.
                .withEnv(registryContainer.getEnv().stream()
                        .filter(variable -> !variable.getName().equals(RuntimeLayout.ENV_STATUS_CREDENTIAL_FILE)
                                && !variable.getName().equals(RuntimeLayout.ENV_METRICS_PORT))
                        .toList())
                .withVolumeMounts(registryContainer.getVolumeMounts().stream()
                        .filter(mount -> !mount.getMountPath().equals(RuntimeLayout.STATUS_DIR))
                        .toList())
                .withPorts(List.of())
                .withLivenessProbe(null)
                .withReadinessProbe(null)
                .withStartupProbe(null)
                .withArgs(args)
                .build();
        String dataVolume = registryContainer.getVolumeMounts().stream()
                .filter(mount -> mount.getMountPath().equals(RuntimeLayout.DATA_DIR))
                .map(VolumeMount::getName)
                .findFirst()
                .orElseThrow();
        PodTemplateSpecBuilder template = new PodTemplateSpecBuilder(registryPod)
                .editMetadata()
                .withLabels(labels(registry))
                .endMetadata()
                .editSpec()
                .withRestartPolicy("Never")
                .withServiceAccountName(SERVICE_ACCOUNT)
                .withAutomountServiceAccountToken(false)
                .withContainers(container)
                .withVolumes(pod.getVolumes().stream()
                        .filter(volume -> !isStatusCredential(volume, registry))
                        .map(volume -> isConfiguration(volume, registry)
                                ? new VolumeBuilder(volume)
                                        .editConfigMap()
                                        .withName(name(registry))
                                        .endConfigMap()
                                        .build()
                                : volume)
                        .toList())
                .endSpec();
        if (pod.getVolumes().stream().noneMatch(volume -> volume.getName().equals(dataVolume))) {
            // The registry pod's data volume comes from the StatefulSet's claim: the embedded database (which lists
            // the S3 blobs to delete) is on it. A METADATA purge needs nothing of it.
            VolumeBuilder data = new VolumeBuilder().withName(dataVolume);
            if (scope == Scope.ALL) {
                data.withNewPersistentVolumeClaim()
                        .withClaimName(Workloads.claimName(registry, 0))
                        .endPersistentVolumeClaim();
            } else {
                data.withNewEmptyDir().endEmptyDir();
            }
            template.editSpec().addToVolumes(data.build()).endSpec();
        }
        return new JobBuilder()
                .withNewMetadata()
                .withName(name(registry))
                .withNamespace(registry.getMetadata().getNamespace())
                .withLabels(labels(registry))
                .endMetadata()
                .withNewSpec()
                .withBackoffLimit(BACKOFF_LIMIT)
                .withActiveDeadlineSeconds(ACTIVE_DEADLINE_SECONDS)
                .withTtlSecondsAfterFinished(TTL_SECONDS_AFTER_FINISHED)
                .withTemplate(template.build())
                .endSpec()
                .build();
    }

    /**
     * The purge Job's configuration, named as the Job and owned by it (so that it goes with the Job, also when the
     * Job's time to live ends): the Registry's runtime configuration as its pods had it.
     */
    static ConfigMap configMap(RegistryInputs inputs, Job job) {
        Registry registry = inputs.registry();
        return new ConfigMapBuilder()
                .withNewMetadata()
                .withName(name(registry))
                .withNamespace(registry.getMetadata().getNamespace())
                .withLabels(labels(registry))
                .addNewOwnerReference()
                .withApiVersion("batch/v1")
                .withKind("Job")
                .withName(job.getMetadata().getName())
                .withUid(job.getMetadata().getUid())
                .endOwnerReference()
                .endMetadata()
                .withData(RuntimeConfigRenderer.render(inputs))
                .build();
    }

    private static boolean isConfiguration(Volume volume, Registry registry) {
        return volume.getConfigMap() != null
                && RegistryObjects.configMapName(registry)
                        .equals(volume.getConfigMap().getName());
    }

    private static boolean isStatusCredential(Volume volume, Registry registry) {
        return volume.getSecret() != null
                && RegistryObjects.statusSecretName(registry)
                        .equals(volume.getSecret().getSecretName());
    }

    /**
     * The Registry's labels without the one its Service and PodDisruptionBudget select on, so that the purge pod is
     * never sent traffic nor counted as a registry pod.
     */
    static Map<String, String> labels(Registry registry) {
        Map<String, String> labels = new TreeMap<>(RegistryObjects.labels(registry));
        labels.keySet()
                .removeIf(key -> RegistryObjects.selectorLabels(registry).containsKey(key)
                        && !key.equals(RegistryObjects.INSTANCE));
        labels.put("app.kubernetes.io/component", COMPONENT);
        return labels;
    }
}
