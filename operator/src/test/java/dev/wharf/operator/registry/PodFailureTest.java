package dev.wharf.operator.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Registry pods that cannot start without a change, found from their status as the kubelet and scheduler set it. */
class PodFailureTest {

    private static final KubernetesSerialization YAML = new KubernetesSerialization();

    @Test
    void findWhenAContainerCannotPullItsImageShouldNameThePodTheContainerAndTheReason() {
        Pod pod = waiting("files-0", "ImagePullBackOff", "Back-off pulling image \"wharf/registry-runtime:9.9\"");

        assertThat(PodFailure.find(List.of(pod)))
                .contains(new PodFailure(
                        "files-0",
                        "ImagePullBackOff",
                        "Pod files-0: container registry is in ImagePullBackOff: Back-off pulling image"
                                + " \"wharf/registry-runtime:9.9\""));
    }

    @Test
    void findWhenAContainerCrashLoopsShouldReportCrashLoopBackOff() {
        Pod pod = waiting("files-0", "CrashLoopBackOff", "back-off 5m0s restarting failed container=registry");

        assertThat(PodFailure.find(List.of(pod)).map(PodFailure::reason)).contains("CrashLoopBackOff");
    }

    @Test
    void findWhenNoNodeFitsShouldReportUnschedulableWithTheSchedulersMessage() {
        Pod pod = YAML.unmarshal("""
                apiVersion: v1
                kind: Pod
                metadata: {name: files-0}
                status:
                  phase: Pending
                  conditions:
                    - type: PodScheduled
                      status: "False"
                      reason: Unschedulable
                      message: "0/3 nodes are available: 3 Insufficient memory."
                """, Pod.class);

        assertThat(PodFailure.find(List.of(pod)).map(PodFailure::message))
                .contains("Pod files-0 is Unschedulable: 0/3 nodes are available: 3 Insufficient memory.");
    }

    @Test
    void findWhenContainersAreBeingCreatedShouldFindNothing() {
        Pod pod = waiting("files-0", "ContainerCreating", null);

        assertThat(PodFailure.find(List.of(pod))).isEmpty();
    }

    @Test
    void findWhenSeveralPodsFailShouldReportTheFirstByNameAndCutALongMessage() {
        Pod later = waiting("files-b", "CrashLoopBackOff", "x");
        Pod first = waiting("files-a", "ErrImagePull", "e".repeat(1000));

        PodFailure failure = PodFailure.find(List.of(later, first)).orElseThrow();

        assertThat(failure.pod()).isEqualTo("files-a");
        assertThat(failure.message())
                .hasSize("Pod files-a: container registry is in ErrImagePull: ".length()
                        + PodFailure.MAX_DETAIL
                        + "...".length());
    }

    private static Pod waiting(String name, String reason, @org.jspecify.annotations.Nullable String message) {
        return YAML.unmarshal(
                """
                apiVersion: v1
                kind: Pod
                metadata: {name: %s}
                status:
                  phase: Pending
                  containerStatuses:
                    - name: registry
                      image: wharf/registry-runtime:9.9
                      imageID: ""
                      ready: false
                      restartCount: 0
                      state: {waiting: {reason: %s%s}}
                """.formatted(name, reason, message == null ? "" : ", message: '" + message + "'"), Pod.class);
    }
}
