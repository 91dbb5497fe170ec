package dev.wharf.operator.registry;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatus;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Whether a Deployment's or StatefulSet's rollout is complete, read as {@code kubectl rollout status} reads it: the
 * controller has seen the current generation, every wanted pod runs the current template and is ready, and no pod of
 * an older template is left.
 */
final class Rollouts {

    private Rollouts() {}

    /** What the Deployment's rollout still waits for, or null when it is complete. */
    static @Nullable String pending(Deployment deployment) {
        DeploymentStatus status = deployment.getStatus();
        int wanted = wanted(deployment.getSpec().getReplicas());
        if (status == null || !seen(deployment.getMetadata().getGeneration(), status.getObservedGeneration())) {
            return "the Deployment controller has not yet seen generation "
                    + deployment.getMetadata().getGeneration() + " of Deployment "
                    + deployment.getMetadata().getName();
        }
        int updated = count(status.getUpdatedReplicas());
        int total = count(status.getReplicas());
        int ready = count(status.getReadyReplicas());
        if (updated < wanted) {
            return updated + " of " + wanted + " pods run the current template";
        }
        if (total > updated) {
            return (total - updated) + " pods of the previous template are still running";
        }
        if (ready < wanted) {
            return ready + " of " + wanted + " pods of the current template are ready";
        }
        return null;
    }

    /** What the StatefulSet's rollout still waits for, or null when it is complete. */
    static @Nullable String pending(StatefulSet statefulSet) {
        StatefulSetStatus status = statefulSet.getStatus();
        int wanted = wanted(statefulSet.getSpec().getReplicas());
        if (status == null || !seen(statefulSet.getMetadata().getGeneration(), status.getObservedGeneration())) {
            return "the StatefulSet controller has not yet seen generation "
                    + statefulSet.getMetadata().getGeneration() + " of StatefulSet "
                    + statefulSet.getMetadata().getName();
        }
        int updated = count(status.getUpdatedReplicas());
        int ready = count(status.getReadyReplicas());
        if (updated < wanted
                || (status.getUpdateRevision() != null
                        && !Objects.equals(status.getUpdateRevision(), status.getCurrentRevision()))) {
            return updated + " of " + wanted + " pods run the current revision";
        }
        if (ready < wanted) {
            return ready + " of " + wanted + " pods of the current revision are ready";
        }
        return null;
    }

    /** A workload without {@code spec.replicas} (an autoscaler's, before it decided) asks the API default, 1. */
    private static int wanted(@Nullable Integer replicas) {
        return replicas == null ? 1 : replicas;
    }

    private static boolean seen(@Nullable Long generation, @Nullable Long observed) {
        return generation == null || (observed != null && observed >= generation);
    }

    private static int count(@Nullable Integer value) {
        return value == null ? 0 : value;
    }
}
