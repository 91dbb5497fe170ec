package dev.wharf.operator.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.api.v1alpha1.registry.Registry;
import dev.wharf.operator.config.RuntimeConfigRenderer;
import dev.wharf.operator.references.RegistryInputs;
import dev.wharf.operator.references.SecretReference;
import dev.wharf.operator.registry.dependents.PodTemplates;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The purge Job rendered for each kind of storage and database. */
class PurgeJobsTest {

    private static final KubernetesSerialization YAML = new KubernetesSerialization();
    private static final String IMAGE = "wharf/registry-runtime:1.2.3";

    @Test
    void renderWhenStorageIsS3AndDatabaseIsPostgresShouldRunTheRegistryPodAsAOneShotPurge() {
        RegistryInputs inputs = inputs("""
                storage: {s3: {endpoint: "http://minio:9000", bucket: wharf, credentialsSecret: minio-creds}}
                database: {postgres: {secret: wharf-db}}
                """, "minio-creds", "wharf-db");
        PodSpec registryPod = PodTemplates.render(inputs, IMAGE, false).getSpec();

        Job job = PurgeJobs.render(inputs, IMAGE);

        assertThat(job.getMetadata().getName()).isEqualTo("docker-purge");
        assertThat(job.getMetadata().getNamespace()).isEqualTo("artifacts");
        assertThat(job.getSpec().getBackoffLimit()).isEqualTo(PurgeJobs.BACKOFF_LIMIT);
        assertThat(job.getSpec().getTtlSecondsAfterFinished()).isEqualTo(PurgeJobs.TTL_SECONDS_AFTER_FINISHED);
        assertThat(job.getSpec().getActiveDeadlineSeconds()).isEqualTo(PurgeJobs.ACTIVE_DEADLINE_SECONDS);
        PodSpec pod = job.getSpec().getTemplate().getSpec();
        assertThat(pod.getRestartPolicy()).isEqualTo("Never");
        // Nothing the Registry owns, which foreground deletion may have removed: its ServiceAccount, its ConfigMap
        // (the Job has its own, of the same content) and its status credential.
        assertThat(pod.getServiceAccountName()).isEqualTo("default");
        assertThat(pod.getAutomountServiceAccountToken()).isFalse();
        assertThat(pod.getSecurityContext()).isEqualTo(registryPod.getSecurityContext());
        assertThat(pod.getVolumes())
                .extracting(Volume::getName)
                .containsExactlyElementsOf(registryPod.getVolumes().stream()
                        .map(Volume::getName)
                        .filter(name -> !name.equals("status"))
                        .toList());
        assertThat(pod.getVolumes())
                .filteredOn(volume -> volume.getConfigMap() != null)
                .extracting(volume -> volume.getConfigMap().getName())
                .containsExactly("docker-purge");
        assertThat(PurgeJobs.configMap(inputs, job).getData()).isEqualTo(RuntimeConfigRenderer.render(inputs));
        Container container = pod.getContainers().getFirst();
        Container registryContainer = registryPod.getContainers().getFirst();
        assertThat(container.getImage()).isEqualTo(IMAGE);
        assertThat(container.getArgs()).containsExactly("--wharf.purge.registry=docker");
        assertThat(container.getEnv())
                .isEqualTo(registryContainer.getEnv().stream()
                        .filter(variable -> !variable.getName().equals("WHARF_STATUS_CREDENTIALFILE")
                                && !variable.getName().equals("WHARF_METRICS_PORT"))
                        .toList());
        assertThat(container.getVolumeMounts())
                .isEqualTo(registryContainer.getVolumeMounts().stream()
                        .filter(mount -> !mount.getName().equals("status"))
                        .toList());
        assertThat(container.getSecurityContext()).isEqualTo(registryContainer.getSecurityContext());
        assertThat(container.getPorts()).isEmpty();
        assertThat(container.getLivenessProbe()).isNull();
        assertThat(container.getReadinessProbe()).isNull();
        assertThat(container.getStartupProbe()).isNull();
    }

    @Test
    void renderShouldLabelThePodSoThatTheRegistrysServiceDoesNotSelectIt() {
        Job job = PurgeJobs.render(inputs("""
                storage: {s3: {endpoint: "http://minio:9000", bucket: wharf, credentialsSecret: minio-creds}}
                database: {postgres: {secret: wharf-db}}
                """, "minio-creds", "wharf-db"), IMAGE);

        assertThat(job.getSpec().getTemplate().getMetadata().getLabels())
                .containsEntry("wharf.dev/registry", "docker")
                .containsEntry("app.kubernetes.io/component", "purge")
                .containsEntry("app.kubernetes.io/managed-by", "wharf-operator")
                .doesNotContainKey("app.kubernetes.io/name");
    }

    @Test
    void renderWhenStorageIsS3AndDatabaseIsEmbeddedShouldMountTheDataVolumeHoldingTheDatabase() {
        Job job = PurgeJobs.render(inputs("""
                storage: {s3: {endpoint: "http://minio:9000", bucket: wharf, credentialsSecret: minio-creds}}
                """, "minio-creds"), IMAGE);

        assertThat(job.getSpec()
                        .getTemplate()
                        .getSpec()
                        .getContainers()
                        .getFirst()
                        .getArgs())
                .containsExactly("--wharf.purge.registry=docker");
        assertThat(dataVolume(job).getPersistentVolumeClaim().getClaimName()).isEqualTo("data-docker-0");
    }

    @Test
    void renderWhenStorageIsFilesystemAndDatabaseIsPostgresShouldPurgeOnlyTheMetadata() {
        Job job = PurgeJobs.render(inputs("""
                storage: {filesystem: {}}
                database: {postgres: {secret: wharf-db}}
                """, "wharf-db"), IMAGE);

        assertThat(job.getSpec()
                        .getTemplate()
                        .getSpec()
                        .getContainers()
                        .getFirst()
                        .getArgs())
                .containsExactly("--wharf.purge.registry=docker", "--wharf.purge.blobs=false");
        assertThat(dataVolume(job).getEmptyDir()).isNotNull();
        assertThat(dataVolume(job).getPersistentVolumeClaim()).isNull();
    }

    @Test
    void scopeWhenStorageIsFilesystemAndDatabaseIsEmbeddedShouldNeedNoJob() {
        RegistryInputs inputs = inputs("storage: {filesystem: {}}\n");

        assertThat(PurgeJobs.scope(inputs.registry().getSpec())).isEqualTo(PurgeJobs.Scope.NONE);
        assertThatThrownBy(() -> PurgeJobs.render(inputs, IMAGE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Registry docker keeps all its data on its volume: deleting the volume purges it, no Job"
                        + " is needed");
    }

    @Test
    void nameWhenTheRegistryNameIsLongShouldStayAValidLabelValue() {
        Registry registry = registry("a".repeat(56) + "-bcdef", "storage: {filesystem: {}}\n");

        // Cut, with a hash of the whole name so that another long name with the same start gets another Job.
        assertThat(PurgeJobs.name(registry)).matches("a{51}-[0-9a-f]{5}-purge").hasSize(63);
    }

    private static Volume dataVolume(Job job) {
        return job.getSpec().getTemplate().getSpec().getVolumes().stream()
                .filter(volume -> volume.getName().equals("data"))
                .findFirst()
                .orElseThrow();
    }

    private static RegistryInputs inputs(String storageAndDatabase, String... secrets) {
        List<SecretReference> references = Arrays.stream(secrets)
                .map(secret -> new SecretReference(secret, "spec", List.of()))
                .toList();
        return new RegistryInputs(
                registry("docker", storageAndDatabase),
                List.of(),
                List.of(),
                List.of(),
                references,
                new TreeMap<>(),
                List.of());
    }

    private static Registry registry(String name, String storageAndDatabase) {
        return YAML.unmarshal("""
                apiVersion: wharf.dev/v1alpha1
                kind: Registry
                metadata: {name: %s, namespace: artifacts}
                spec:
                  format: docker
                  deletionPolicy: Delete
                %s""".formatted(name, storageAndDatabase.indent(2)), Registry.class);
    }
}
