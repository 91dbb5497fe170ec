package dev.wharf.operator.registry.dependents;

import dev.wharf.api.v1alpha1.registry.Access;
import dev.wharf.api.v1alpha1.registry.Database;
import dev.wharf.api.v1alpha1.registry.PostgresDatabase;
import dev.wharf.api.v1alpha1.registry.Registry;
import dev.wharf.api.v1alpha1.registry.RegistrySpec;
import dev.wharf.api.v1alpha1.registry.Resources;
import dev.wharf.api.v1alpha1.registry.Storage;
import dev.wharf.operator.references.RegistryInputs;
import dev.wharf.operator.references.SecretChecksum;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The registry pod: the runtime container with its configuration directory (the ConfigMap), its data directory, and
 * each referenced Secret mounted at {@code <secrets dir>/<name>}; non-root with a read-only root filesystem. The
 * template changes only when the Registry's own settings or a referenced Secret change, never when an UpstreamProxy or
 * policy does: those reach the pods through the ConfigMap, which the runtime reloads.
 */
public final class PodTemplates {

    /** The pod template annotation holding the referenced Secrets' checksum; a new value rolls the pods. */
    public static final String SECRETS_CHECKSUM = "wharf.dev/secrets-checksum";

    /** The container name. */
    public static final String CONTAINER = "registry";

    static final String CONFIG_VOLUME = "config";
    static final String DATA_VOLUME = "data";
    static final String TMP_VOLUME = "tmp";
    static final String STATUS_VOLUME = "status";
    static final String SECRET_VOLUME_PREFIX = "secret-";

    /** The runtime image's non-root user and group, as the jib configuration in the parent POM builds it. */
    static final long RUNTIME_USER = 65532L;

    private PodTemplates() {}

    /**
     * The pod template.
     *
     * @param inputs the Registry and what it refers to
     * @param image the runtime image to run
     * @param persistentData whether the data directory is a volume claim (StatefulSet) rather than an emptyDir
     */
    public static PodTemplateSpec render(RegistryInputs inputs, String image, boolean persistentData) {
        Registry registry = inputs.registry();
        RegistrySpec spec = registry.getSpec();
        List<String> secrets = inputs.secretNames();

        List<Volume> volumes = new ArrayList<>();
        List<VolumeMount> mounts = new ArrayList<>();
        volumes.add(new VolumeBuilder()
                .withName(CONFIG_VOLUME)
                .withNewConfigMap()
                .withName(RegistryObjects.configMapName(registry))
                .endConfigMap()
                .build());
        mounts.add(mount(CONFIG_VOLUME, RuntimeLayout.CONFIG_DIR));
        if (!persistentData) {
            volumes.add(new VolumeBuilder()
                    .withName(DATA_VOLUME)
                    .withNewEmptyDir()
                    .endEmptyDir()
                    .build());
        }
        mounts.add(new VolumeMountBuilder()
                .withName(DATA_VOLUME)
                .withMountPath(RuntimeLayout.DATA_DIR)
                .build());
        volumes.add(new VolumeBuilder()
                .withName(TMP_VOLUME)
                .withNewEmptyDir()
                .endEmptyDir()
                .build());
        mounts.add(new VolumeMountBuilder()
                .withName(TMP_VOLUME)
                .withMountPath(RuntimeLayout.TMP_DIR)
                .build());
        // Optional: the data path never waits for the status hand-off; without the file the runtime refuses the
        // operator's status calls, and the Registry's status keeps its last figures.
        volumes.add(new VolumeBuilder()
                .withName(STATUS_VOLUME)
                .withNewSecret()
                .withSecretName(RegistryObjects.statusSecretName(registry))
                .withOptional(true)
                .endSecret()
                .build());
        mounts.add(mount(STATUS_VOLUME, RuntimeLayout.STATUS_DIR));
        for (int i = 0; i < secrets.size(); i++) {
            String volume = SECRET_VOLUME_PREFIX + i;
            // Optional: a Secret created after the Registry appears in the mount without a restart, and the runtime
            // reports it as missing until then, as the Registry's status does.
            volumes.add(new VolumeBuilder()
                    .withName(volume)
                    .withNewSecret()
                    .withSecretName(secrets.get(i))
                    .withOptional(true)
                    .endSecret()
                    .build());
            mounts.add(mount(volume, RuntimeLayout.secretMount(secrets.get(i))));
        }

        return new PodTemplateSpecBuilder()
                .withNewMetadata()
                .withLabels(RegistryObjects.labels(registry))
                .withAnnotations(Map.of(SECRETS_CHECKSUM, SecretChecksum.of(secrets, inputs.secretsByName())))
                .endMetadata()
                .withNewSpec()
                .withServiceAccountName(RegistryObjects.name(registry))
                .withAutomountServiceAccountToken(serviceAccountTokens(spec.access()))
                .withEnableServiceLinks(false)
                .withNewSecurityContext()
                .withRunAsNonRoot(true)
                .withRunAsUser(RUNTIME_USER)
                .withRunAsGroup(RUNTIME_USER)
                .withFsGroup(RUNTIME_USER)
                .withNewSeccompProfile()
                .withType("RuntimeDefault")
                .endSeccompProfile()
                .endSecurityContext()
                .withContainers(new ContainerBuilder()
                        .withName(CONTAINER)
                        .withImage(image)
                        .addNewPort()
                        .withName(RuntimeLayout.HTTP_PORT_NAME)
                        .withContainerPort(RuntimeLayout.HTTP_PORT)
                        .withProtocol("TCP")
                        .endPort()
                        .addNewPort()
                        .withName(RuntimeLayout.METRICS_PORT_NAME)
                        .withContainerPort(RuntimeLayout.METRICS_PORT)
                        .withProtocol("TCP")
                        .endPort()
                        .withEnv(environment(spec))
                        .withVolumeMounts(mounts)
                        .withResources(resources(spec.resources()))
                        .withLivenessProbe(probe(RuntimeLayout.LIVENESS_PATH, 6))
                        .withReadinessProbe(probe(RuntimeLayout.READINESS_PATH, 3))
                        .withStartupProbe(probe(RuntimeLayout.LIVENESS_PATH, 60))
                        .withNewSecurityContext()
                        .withAllowPrivilegeEscalation(false)
                        .withReadOnlyRootFilesystem(true)
                        .withNewCapabilities()
                        .withDrop("ALL")
                        .endCapabilities()
                        .endSecurityContext()
                        .build())
                .withVolumes(volumes)
                .endSpec()
                .build();
    }

    /** Whether the data directory must outlive the pod: filesystem blobs or the embedded database live there. */
    public static boolean persistentData(RegistrySpec spec) {
        Storage storage = spec.storage();
        Database database = spec.database();
        boolean filesystem = storage == null || storage.s3() == null;
        boolean embedded = database == null || database.postgres() == null;
        return filesystem || embedded;
    }

    private static List<EnvVar> environment(RegistrySpec spec) {
        List<EnvVar> env = new ArrayList<>();
        env.add(value(RuntimeLayout.ENV_CONFIG_DIR, RuntimeLayout.CONFIG_DIR));
        env.add(value(RuntimeLayout.ENV_DATA_DIR, RuntimeLayout.DATA_DIR));
        env.add(value(RuntimeLayout.ENV_SECRETS_DIR, RuntimeLayout.SECRETS_DIR));
        env.add(value(RuntimeLayout.ENV_STATUS_CREDENTIAL_FILE, RuntimeLayout.STATUS_CREDENTIAL_FILE));
        env.add(value(RuntimeLayout.ENV_METRICS_PORT, String.valueOf(RuntimeLayout.METRICS_PORT)));
        env.add(value(RuntimeLayout.ENV_LOG_FORMAT, "ecs"));
        PostgresDatabase postgres =
                spec.database() == null ? null : spec.database().postgres();
        if (postgres != null) {
            // The URL and user name are read at start from the Secret (the pod waits for it to exist); the password
            // is read from its mounted file, so it is never in the pod's environment.
            env.add(fromSecret(RuntimeLayout.ENV_DATABASE_URL, postgres.secret(), "url"));
            env.add(fromSecret(RuntimeLayout.ENV_DATABASE_USERNAME, postgres.secret(), "username"));
            env.add(value(
                    RuntimeLayout.ENV_DATABASE_PASSWORD_FILE,
                    RuntimeLayout.secretMount(postgres.secret()) + "/password"));
            if (postgres.maxConnections() != null) {
                env.add(value(
                        RuntimeLayout.ENV_DATABASE_MAX_CONNECTIONS,
                        postgres.maxConnections().toString()));
            }
        }
        return env;
    }

    private static EnvVar value(String name, String value) {
        return new EnvVarBuilder().withName(name).withValue(value).build();
    }

    private static EnvVar fromSecret(String name, String secret, String key) {
        return new EnvVarBuilder()
                .withName(name)
                .withNewValueFrom()
                .withNewSecretKeyRef()
                .withName(secret)
                .withKey(key)
                .endSecretKeyRef()
                .endValueFrom()
                .build();
    }

    private static VolumeMount mount(String volume, String path) {
        return new VolumeMountBuilder()
                .withName(volume)
                .withMountPath(path)
                .withReadOnly(true)
                .build();
    }

    private static Probe probe(String path, int failureThreshold) {
        return new ProbeBuilder()
                .withNewHttpGet()
                .withPath(path)
                .withPort(new IntOrString(RuntimeLayout.HTTP_PORT_NAME))
                .endHttpGet()
                .withPeriodSeconds(10)
                .withFailureThreshold(failureThreshold)
                .build();
    }

    private static ResourceRequirements resources(@Nullable Resources resources) {
        Map<String, Quantity> requests = new TreeMap<>();
        Map<String, Quantity> limits = new TreeMap<>();
        Resources.Amounts wantedRequests = resources == null ? null : resources.requests();
        Resources.Amounts wantedLimits = resources == null ? null : resources.limits();
        requests.put("cpu", new Quantity(orDefault(wantedRequests == null ? null : wantedRequests.cpu(), "250m")));
        requests.put(
                "memory", new Quantity(orDefault(wantedRequests == null ? null : wantedRequests.memory(), "512Mi")));
        limits.put("memory", new Quantity(orDefault(wantedLimits == null ? null : wantedLimits.memory(), "1Gi")));
        if (wantedLimits != null && wantedLimits.cpu() != null) {
            limits.put("cpu", new Quantity(wantedLimits.cpu()));
        }
        return new io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder()
                .withRequests(requests)
                .withLimits(limits)
                .build();
    }

    private static String orDefault(@Nullable String value, String defaultValue) {
        return value == null ? defaultValue : value;
    }

    private static boolean serviceAccountTokens(@Nullable Access access) {
        return access != null && Boolean.TRUE.equals(access.serviceAccountTokens());
    }
}
