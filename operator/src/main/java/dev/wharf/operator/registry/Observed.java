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
 */
public record Observed(
        boolean workloadExists,
        int readyReplicas,
        @Nullable Integer desiredReplicas,
        @Nullable String volumePhase,
        @Nullable Long artifacts,
        @Nullable Long storageBytes) {}
