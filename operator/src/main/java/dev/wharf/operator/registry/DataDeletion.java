package dev.wharf.operator.registry;

import dev.wharf.api.v1alpha1.registry.DeletionPolicy;
import dev.wharf.api.v1alpha1.registry.Registry;
import dev.wharf.api.v1alpha1.registry.RegistrySpec;
import dev.wharf.operator.registry.dependents.RegistryObjects;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens to a deleted Registry's data, run from the Registry's finalizer. With {@code spec.deletionPolicy:
 * Retain} (the default) nothing is removed: the data volume (its claim is retained by the StatefulSet), the S3 objects
 * and the PostgreSQL rows stay for a Registry of the same name to serve again. With {@code Delete} the data volume's
 * claims are deleted; the S3 objects under the Registry's prefix and its PostgreSQL rows are not, because this
 * version of the runtime has no purge to run against them: a warning says so, naming what is left.
 */
final class DataDeletion {

    private static final Logger log = LoggerFactory.getLogger(DataDeletion.class);

    private final KubernetesClient client;

    DataDeletion(KubernetesClient client) {
        this.client = client;
    }

    /** Applies the Registry's deletion policy; the other objects go with their owner references. */
    void onDelete(Registry registry) {
        RegistrySpec spec = registry.getSpec();
        String namespace = registry.getMetadata().getNamespace();
        String name = registry.getMetadata().getName();
        if (spec.deletionPolicy() != DeletionPolicy.DELETE) {
            log.info("Registry {}/{} deleted; its data is retained (spec.deletionPolicy Retain)", namespace, name);
            return;
        }
        List<PersistentVolumeClaim> claims = client.persistentVolumeClaims()
                .inNamespace(namespace)
                .withLabel(RegistryObjects.MANAGED_BY, RegistryObjects.OPERATOR)
                .withLabel(RegistryObjects.INSTANCE, name)
                .list()
                .getItems();
        for (PersistentVolumeClaim claim : claims) {
            // The claim stays until its pod is gone (the API server's pvc-protection finalizer), then goes.
            client.resource(claim).delete();
        }
        log.info(
                "Registry {}/{} deleted with spec.deletionPolicy Delete: removed {} data volume claim(s)",
                namespace,
                name,
                claims.size());
        if (spec.storage() != null && spec.storage().s3() != null) {
            log.warn(
                    "Registry {}/{} deleted with spec.deletionPolicy Delete, but its objects in bucket {} under"
                            + " prefix '{}' are kept: this version of the runtime cannot purge S3; delete them with"
                            + " your S3 tools",
                    namespace,
                    name,
                    spec.storage().s3().bucket(),
                    spec.storage().s3().prefix() == null
                            ? ""
                            : spec.storage().s3().prefix());
        }
        if (spec.database() != null && spec.database().postgres() != null) {
            log.warn(
                    "Registry {}/{} deleted with spec.deletionPolicy Delete, but its rows in the PostgreSQL database"
                            + " of Secret {} are kept: this version of the runtime cannot purge a registry's metadata",
                    namespace,
                    name,
                    spec.database().postgres().secret());
        }
    }
}
