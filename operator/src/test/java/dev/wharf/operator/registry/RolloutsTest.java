package dev.wharf.operator.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.Test;

/** Whether a Deployment's or StatefulSet's rollout is complete, as kubectl rollout status decides. */
class RolloutsTest {

    private static final KubernetesSerialization YAML = new KubernetesSerialization();

    @Test
    void pendingWhenTheControllerHasNotSeenTheGenerationShouldSaySo() {
        assertThat(Rollouts.pending(deployment(3, 2, 2, 2, 2)))
                .isEqualTo("the Deployment controller has not yet seen generation 3 of Deployment files");
    }

    @Test
    void pendingWhenFewerPodsRunTheCurrentTemplateShouldCountThem() {
        // A broken rollout: the old pods are still ready, the new one is not.
        assertThat(Rollouts.pending(deployment(3, 3, 3, 1, 2))).isEqualTo("1 of 2 pods run the current template");
    }

    @Test
    void pendingWhenOldPodsAreStillRunningShouldCountThem() {
        assertThat(Rollouts.pending(deployment(3, 3, 3, 2, 2)))
                .isEqualTo("1 pods of the previous template are still running");
    }

    @Test
    void pendingWhenUpdatedPodsAreNotReadyShouldCountTheReadyOnes() {
        assertThat(Rollouts.pending(deployment(3, 3, 2, 2, 1)))
                .isEqualTo("1 of 2 pods of the current template are ready");
    }

    @Test
    void pendingWhenTheDeploymentIsRolledOutShouldBeNull() {
        assertThat(Rollouts.pending(deployment(3, 3, 2, 2, 2))).isNull();
    }

    @Test
    void pendingWhenTheStatefulSetRevisionIsNotCurrentShouldSaySo() {
        assertThat(Rollouts.pending(statefulSet("files-6b9", "files-7c4", 1, 1)))
                .isEqualTo("1 of 1 pods run the current revision");
    }

    @Test
    void pendingWhenTheStatefulSetIsRolledOutShouldBeNull() {
        assertThat(Rollouts.pending(statefulSet("files-7c4", "files-7c4", 1, 1)))
                .isNull();
    }

    private static Deployment deployment(long generation, long observed, int total, int updated, int ready) {
        return YAML.unmarshal("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: files, generation: %d}
                spec: {replicas: 2}
                status: {observedGeneration: %d, replicas: %d, updatedReplicas: %d, readyReplicas: %d}
                """.formatted(generation, observed, total, updated, ready), Deployment.class);
    }

    private static StatefulSet statefulSet(String current, String update, int updated, int ready) {
        return YAML.unmarshal("""
                apiVersion: apps/v1
                kind: StatefulSet
                metadata: {name: files, generation: 1}
                spec: {replicas: 1}
                status:
                  observedGeneration: 1
                  replicas: 1
                  updatedReplicas: %d
                  readyReplicas: %d
                  currentRevision: %s
                  updateRevision: %s
                """.formatted(updated, ready, current, update), StatefulSet.class);
    }
}
