package dev.wharf.runtime.metadata;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * What one registry holds, counted in one query so the status endpoint stays cheap.
 *
 * @param packages how many packages
 * @param versions how many versions
 * @param files how many files
 * @param storageBytes the sum of the sizes of its files; a blob used twice is counted twice
 * @param downloads the sum of its files' download counts
 * @param lastPushedAt when a version was last created, null when none was
 */
public record RegistryUsage(
        long packages,
        long versions,
        long files,
        long storageBytes,
        long downloads,
        @Nullable Instant lastPushedAt) {

    /** Nothing stored. */
    public static final RegistryUsage EMPTY = new RegistryUsage(0, 0, 0, 0, 0, null);
}
