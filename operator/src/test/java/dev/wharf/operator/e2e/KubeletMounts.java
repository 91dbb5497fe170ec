package dev.wharf.operator.e2e;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The volumes of a rendered pod laid out on disk as the kubelet would mount them for one container, under a root
 * directory that stands for the container's file system: ConfigMap keys and Secret keys as files, empty directories
 * for {@code emptyDir} volumes and claims. Container paths in the container's environment are translated to it.
 */
final class KubeletMounts {

    private final Path root;
    private final List<String> mountPaths;

    private KubeletMounts(Path root, List<String> mountPaths) {
        this.root = root;
        this.mountPaths = mountPaths;
    }

    /**
     * Mounts every volume of {@code container} under {@code root}, reading ConfigMaps and Secrets from the namespace
     * as the kubelet would; {@code claimTemplates} are the StatefulSet's volume claim templates (none for a
     * Deployment).
     */
    static KubeletMounts mount(
            KubernetesClient client,
            String namespace,
            PodSpec pod,
            Container container,
            List<PersistentVolumeClaim> claimTemplates,
            Path root) {
        Map<String, Volume> volumes = new LinkedHashMap<>();
        pod.getVolumes().forEach(volume -> volumes.put(volume.getName(), volume));
        List<String> claims = claimTemplates.stream()
                .map(claim -> claim.getMetadata().getName())
                .toList();
        List<String> mountPaths = new ArrayList<>();
        for (VolumeMount mount : container.getVolumeMounts()) {
            if (mount.getSubPath() != null || mount.getSubPathExpr() != null) {
                throw new IllegalStateException("volume mount " + mount.getName() + " uses a subPath, which this"
                        + " test does not lay out; extend KubeletMounts");
            }
            Path target = hostPath(root, mount.getMountPath());
            Volume volume = volumes.get(mount.getName());
            if (volume == null) {
                if (!claims.contains(mount.getName())) {
                    throw new IllegalStateException("volume mount " + mount.getName() + " names neither a volume"
                            + " of the pod nor a volume claim template");
                }
                directory(target);
            } else {
                mountVolume(client, namespace, volume, target);
            }
            mountPaths.add(mount.getMountPath());
        }
        return new KubeletMounts(root, List.copyOf(mountPaths));
    }

    /** Where the container path lies on this machine. */
    Path hostPath(String containerPath) {
        return hostPath(root, containerPath);
    }

    /**
     * The container's environment with every value that is a path on or above a mount translated to this machine
     * (above: a directory whose sub-directories are mounts, such as the Secrets directory); values from
     * {@code valueFrom} are refused, since the registry's pods are not rendered with any.
     */
    Map<String, String> environment(Container container) {
        Map<String, String> environment = new LinkedHashMap<>();
        for (EnvVar variable : container.getEnv()) {
            if (variable.getValueFrom() != null) {
                throw new IllegalStateException("environment variable " + variable.getName()
                        + " is set from valueFrom, which this test does not resolve; extend KubeletMounts");
            }
            String value = Objects.requireNonNullElse(variable.getValue(), "");
            environment.put(
                    variable.getName(), touchesAMount(value) ? hostPath(value).toString() : value);
        }
        return environment;
    }

    private boolean touchesAMount(String value) {
        if (!value.startsWith("/")) {
            return false;
        }
        Path path = Path.of(value).normalize();
        return mountPaths.stream().map(Path::of).anyMatch(mount -> mount.startsWith(path) || path.startsWith(mount));
    }

    private static void mountVolume(KubernetesClient client, String namespace, Volume volume, Path target) {
        if (volume.getConfigMap() != null) {
            String name = volume.getConfigMap().getName();
            ConfigMap configMap =
                    client.configMaps().inNamespace(namespace).withName(name).get();
            if (configMap == null) {
                throw new IllegalStateException("volume " + volume.getName() + " mounts ConfigMap " + name
                        + ", which does not exist in namespace " + namespace);
            }
            Map<String, byte[]> files = new LinkedHashMap<>();
            Objects.requireNonNullElse(configMap.getData(), Map.<String, String>of())
                    .forEach((key, value) -> files.put(key, value.getBytes(StandardCharsets.UTF_8)));
            Objects.requireNonNullElse(configMap.getBinaryData(), Map.<String, String>of())
                    .forEach((key, value) -> files.put(key, Base64.getDecoder().decode(value)));
            write(target, files, volume.getConfigMap().getItems());
        } else if (volume.getSecret() != null) {
            String name = volume.getSecret().getSecretName();
            Secret secret =
                    client.secrets().inNamespace(namespace).withName(name).get();
            if (secret == null) {
                if (!Boolean.TRUE.equals(volume.getSecret().getOptional())) {
                    throw new IllegalStateException("volume " + volume.getName() + " mounts Secret " + name
                            + ", which does not exist in namespace " + namespace + " and is not optional");
                }
                directory(target);
                return;
            }
            Map<String, byte[]> files = new LinkedHashMap<>();
            Objects.requireNonNullElse(secret.getData(), Map.<String, String>of())
                    .forEach((key, value) -> files.put(key, Base64.getDecoder().decode(value)));
            write(target, files, volume.getSecret().getItems());
        } else if (volume.getEmptyDir() != null || volume.getPersistentVolumeClaim() != null) {
            directory(target);
        } else {
            throw new IllegalStateException(
                    "volume " + volume.getName() + " is of a kind this test does not lay out; extend KubeletMounts");
        }
    }

    /** Every key as a file, or only the listed ones at their paths, as the kubelet projects them. */
    private static void write(Path target, Map<String, byte[]> files, List<KeyToPath> items) {
        directory(target);
        try {
            if (items.isEmpty()) {
                for (Map.Entry<String, byte[]> file : files.entrySet()) {
                    Files.write(target.resolve(file.getKey()), file.getValue());
                }
            } else {
                for (KeyToPath item : items) {
                    byte[] content = files.get(item.getKey());
                    if (content == null) {
                        throw new IllegalStateException("the volume lists key " + item.getKey() + ", which it lacks");
                    }
                    Path file = target.resolve(item.getPath());
                    directory(file.getParent());
                    Files.write(file, content);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path hostPath(Path root, String containerPath) {
        if (!containerPath.startsWith("/")) {
            throw new IllegalArgumentException("not an absolute container path: " + containerPath);
        }
        return root.resolve(containerPath.substring(1)).normalize();
    }

    private static void directory(Path directory) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
