package dev.wharf.operator.registry;

import dev.wharf.api.v1alpha1.registry.DeletionPolicy;
import dev.wharf.api.v1alpha1.registry.Registry;
import dev.wharf.operator.references.RegistryInputs;
import dev.wharf.operator.registry.dependents.RegistryObjects;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens to a deleted Registry's data, run from the Registry's finalizer. With {@code spec.deletionPolicy:
 * Retain} (the default) nothing is removed: the data volume (its claim is retained by the StatefulSet), the S3 objects
 * and the PostgreSQL rows stay for a Registry of the same name to serve again. With {@code Delete}:
 *
 * <ul>
 *   <li>filesystem storage and the embedded database: the data volume's claims are deleted, which deletes it all;
 *   <li>S3 storage or PostgreSQL: the Registry's pods are stopped first (so that nothing writes during the purge), then
 *       the purge Job ({@link PurgeJobs}) deletes the S3 objects only this Registry used and its PostgreSQL rows; the
 *       finalizer stays until the Job has succeeded, then the Job and the data volume's claims are deleted. A failed
 *       Job keeps the finalizer: it is logged and reported as an Event on the Registry, and deleting the Job runs it
 *       again.
 * </ul>
 *
 * <p>It holds whatever the deletion's propagation policy: with {@code Foreground} (what Argo CD uses when it prunes)
 * the garbage collector removes the Registry's objects while this runs, so nothing here depends on them: whether the
 * Registry ever ran is read from its status, the purge Job brings its own configuration, and the pods are waited for
 * by their labels, not through their workload. With {@code Background} they are all still there; with {@code Orphan}
 * they stay after the Registry (the workload is still stopped, since its pods must not write during a purge).
 */
final class DataDeletion {

    private static final Logger log = LoggerFactory.getLogger(DataDeletion.class);

    /** How often a purge in progress, or pods stopping, are looked at again. */
    static final Duration POLL = Duration.ofSeconds(10);

    /** How often a failed purge is reported again. */
    static final Duration FAILED_POLL = Duration.ofMinutes(1);

    private final KubernetesClient client;
    private final PurgeFailures failures;

    DataDeletion(KubernetesClient client, Clock clock) {
        this.client = client;
        this.failures = new PurgeFailures(client, clock);
    }

    /**
     * Applies the Registry's deletion policy; the other objects go with their owner references.
     *
     * @param inputs the Registry and what it refers to, for the purge Job; asked only when one is made
     * @param image the runtime image the purge Job runs
     * @return whether the finalizer may be removed, or when to look again
     */
    DeleteControl onDelete(Registry registry, Supplier<RegistryInputs> inputs, String image) {
        String namespace = registry.getMetadata().getNamespace();
        String name = registry.getMetadata().getName();
        if (registry.getSpec().deletionPolicy() != DeletionPolicy.DELETE) {
            log.info("Registry {}/{} deleted; its data is retained (spec.deletionPolicy Retain)", namespace, name);
            return DeleteControl.defaultDelete();
        }
        if (PurgeJobs.scope(registry.getSpec()) == PurgeJobs.Scope.NONE) {
            deleteClaims(registry);
            return DeleteControl.defaultDelete();
        }
        boolean workload = stopWorkload(registry);
        if (workload || podsRemain(registry)) {
            log.info("Registry {}/{} deleted: waiting for its pods to stop before its data is purged", namespace, name);
            return DeleteControl.noFinalizerRemoval().rescheduleAfter(POLL);
        }
        String jobName = PurgeJobs.name(registry);
        Job job = client.batch()
                .v1()
                .jobs()
                .inNamespace(namespace)
                .withName(jobName)
                .get();
        if (job == null) {
            if (!everReconciled(registry)) {
                // Deleted before its first reconcile: no object and no pod of it was ever made, so there is no data.
                log.warn(
                        "Registry {}/{} deleted before it was first reconciled: no pod of it ran, so there is no"
                                + " data of it to purge; the Registry is removed",
                        namespace,
                        name);
                deleteClaims(registry);
                return DeleteControl.defaultDelete();
            }
            RegistryInputs resolved = inputs.get();
            Job created = client.resource(PurgeJobs.render(resolved, image)).create();
            client.resource(PurgeJobs.configMap(resolved, created)).createOr(existing -> existing.update());
            log.info(
                    "Registry {}/{} deleted with spec.deletionPolicy Delete: purging its data with Job {}"
                            + " (kubectl logs -n {} job/{})",
                    namespace,
                    name,
                    jobName,
                    namespace,
                    jobName);
            return DeleteControl.noFinalizerRemoval().rescheduleAfter(POLL);
        }
        if (condition(job, "Complete").isPresent()) {
            client.resource(job)
                    .withPropagationPolicy(DeletionPropagation.BACKGROUND)
                    .delete();
            deleteClaims(registry);
            log.info("Registry {}/{}: Job {} purged its data; the Registry is removed", namespace, name, jobName);
            return DeleteControl.defaultDelete();
        }
        Optional<JobCondition> failed = condition(job, "Failed");
        if (failed.isPresent()) {
            failures.report(registry, job, failed.get());
            return DeleteControl.noFinalizerRemoval().rescheduleAfter(FAILED_POLL);
        }
        // The operator may have stopped between making the Job and its configuration.
        if (client.configMaps().inNamespace(namespace).withName(jobName).get() == null) {
            client.resource(PurgeJobs.configMap(inputs.get(), job)).create();
        }
        return DeleteControl.noFinalizerRemoval().rescheduleAfter(POLL);
    }

    /**
     * Deletes the Registry's Deployment or StatefulSet in the foreground, so that it is gone only once its pods are.
     *
     * @return whether one is still there
     */
    private boolean stopWorkload(Registry registry) {
        String namespace = registry.getMetadata().getNamespace();
        String name = RegistryObjects.name(registry);
        boolean running = false;
        var deployment = client.apps().deployments().inNamespace(namespace).withName(name);
        if (deployment.get() != null) {
            deployment.withPropagationPolicy(DeletionPropagation.FOREGROUND).delete();
            running = true;
        }
        var statefulSet =
                client.apps().statefulSets().inNamespace(namespace).withName(RegistryObjects.statefulSetName(registry));
        if (statefulSet.get() != null) {
            statefulSet.withPropagationPolicy(DeletionPropagation.FOREGROUND).delete();
            running = true;
        }
        return running;
    }

    /**
     * Whether a registry pod is still there, running or terminating: found by its labels, since under foreground
     * deletion its workload may be gone before it is.
     */
    private boolean podsRemain(Registry registry) {
        return !client.pods()
                .inNamespace(registry.getMetadata().getNamespace())
                .withLabels(RegistryObjects.selectorLabels(registry))
                .list()
                .getItems()
                .isEmpty();
    }

    /** Whether the operator ever reconciled the Registry (and so made its objects): it then has a status. */
    private static boolean everReconciled(Registry registry) {
        return registry.getStatus() != null && registry.getStatus().observedGeneration() != null;
    }

    private void deleteClaims(Registry registry) {
        String namespace = registry.getMetadata().getNamespace();
        List<PersistentVolumeClaim> claims = client.persistentVolumeClaims()
                .inNamespace(namespace)
                .withLabel(RegistryObjects.MANAGED_BY, RegistryObjects.OPERATOR)
                .withLabel(RegistryObjects.INSTANCE, registry.getMetadata().getName())
                .list()
                .getItems();
        for (PersistentVolumeClaim claim : claims) {
            // The claim stays until its pod is gone (the API server's pvc-protection finalizer), then goes.
            client.resource(claim).delete();
        }
        log.info(
                "Registry {}/{} deleted with spec.deletionPolicy Delete: removed {} data volume claim(s)",
                namespace,
                registry.getMetadata().getName(),
                claims.size());
    }

    private static Optional<JobCondition> condition(Job job, String type) {
        if (job.getStatus() == null || job.getStatus().getConditions() == null) {
            return Optional.empty();
        }
        return job.getStatus().getConditions().stream()
                .filter(condition -> type.equals(condition.getType()) && "True".equals(condition.getStatus()))
                .findFirst();
    }
}
