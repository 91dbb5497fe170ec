package dev.wharf.operator.registry;

import org.jspecify.annotations.Nullable;

/**
 * What the operator saw of a Registry's running objects, for its status.
 *
 * @param workloadExists whether the Deployment or StatefulSet exists
 * @param readyReplicas its ready pods
 * @param desiredReplicas the pods it asks for, null when an autoscaler decides
 * @param volumePhase the data claim's phase ({@code Bound}, {@code Pending}...), null when there is no claim yet
 * @param artifacts the artifact count the runtime reported, null when it was not asked or did not answer
 * @param storageBytes the bytes stored the runtime reported, null likewise
 * @param rolloutPending what the workload's rollout still waits for, null when it is complete (see {@link Rollouts})
 * @param podFailure the first registry pod that cannot start without a change, null when none
 */
public record Observed(
        boolean workloadExists,
        int readyReplicas,
        @Nullable Integer desiredReplicas,
        @Nullable String volumePhase,
        @Nullable Long artifacts,
        @Nullable Long storageBytes,
        @Nullable String rolloutPending,
        @Nullable PodFailure podFailure) {}
