package dev.wharf.operator.registry;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A registry pod that cannot start without a change: its image cannot be pulled, its container keeps crashing or
 * cannot be created, or no node can take it. The kubelet's and the scheduler's own reason is kept, so that a person
 * sees what {@code kubectl describe pod} would show.
 *
 * @param pod the pod's name
 * @param reason the kubelet's or scheduler's reason, such as {@code ImagePullBackOff} or {@code Unschedulable}
 * @param message one line naming the pod, the container and the reason, with the kubelet's message
 */
public record PodFailure(String pod, String reason, String message) {

    /** Waiting reasons of a container that do not go away while the pod spec stays as it is. */
    static final Set<String> CONTAINER_REASONS = Set.of(
            "ImagePullBackOff",
            "ErrImagePull",
            "InvalidImageName",
            "CrashLoopBackOff",
            "CreateContainerConfigError",
            "CreateContainerError",
            "RunContainerError");

    /** The scheduler's reason on {@code PodScheduled=False} when no node fits. */
    static final String UNSCHEDULABLE = "Unschedulable";

    /** The kubelet's messages can be long (a whole pull error); a condition message stays readable. */
    static final int MAX_DETAIL = 300;

    /** The first failing pod by name, so that the same pods always give the same status; empty when none fails. */
    public static Optional<PodFailure> find(List<Pod> pods) {
        return pods.stream()
                .filter(pod -> pod.getMetadata().getDeletionTimestamp() == null)
                .sorted(Comparator.comparing(pod -> pod.getMetadata().getName()))
                .map(PodFailure::of)
                .flatMap(Optional::stream)
                .findFirst();
    }

    private static Optional<PodFailure> of(Pod pod) {
        String name = pod.getMetadata().getName();
        if (pod.getStatus() == null) {
            return Optional.empty();
        }
        List<ContainerStatus> containers = new ArrayList<>();
        Stream.of(pod.getStatus().getInitContainerStatuses(), pod.getStatus().getContainerStatuses())
                .filter(list -> list != null)
                .forEach(containers::addAll);
        for (ContainerStatus container : containers) {
            var waiting =
                    container.getState() == null ? null : container.getState().getWaiting();
            if (waiting != null && waiting.getReason() != null && CONTAINER_REASONS.contains(waiting.getReason())) {
                return Optional.of(new PodFailure(
                        name,
                        waiting.getReason(),
                        "Pod " + name + ": container " + container.getName() + " is in " + waiting.getReason()
                                + detail(waiting.getMessage())));
            }
        }
        List<PodCondition> conditions = pod.getStatus().getConditions();
        if (conditions != null) {
            for (PodCondition condition : conditions) {
                if ("PodScheduled".equals(condition.getType())
                        && "False".equals(condition.getStatus())
                        && UNSCHEDULABLE.equals(condition.getReason())) {
                    return Optional.of(new PodFailure(
                            name, UNSCHEDULABLE, "Pod " + name + " is Unschedulable" + detail(condition.getMessage())));
                }
            }
        }
        return Optional.empty();
    }

    private static String detail(@org.jspecify.annotations.Nullable String message) {
        if (message == null || message.isBlank()) {
            return ".";
        }
        String line = message.strip().replaceAll("\\s+", " ");
        return ": " + (line.length() > MAX_DETAIL ? line.substring(0, MAX_DETAIL) + "..." : line);
    }
}
