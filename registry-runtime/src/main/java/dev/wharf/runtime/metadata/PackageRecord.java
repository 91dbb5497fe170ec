package dev.wharf.runtime.metadata;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A package of a registry with the figures listings show.
 *
 * @param id the row id
 * @param registryId the registry's row id
 * @param name its name, as the format spells it ({@code @scope/name}, {@code group:artifact}, {@code team/app})
 * @param createdAt when its first version was stored
 * @param updatedAt when a version was last stored or deleted
 * @param latestVersion the version it calls latest (the last one pushed), null when it has none
 * @param versionCount how many versions it has
 * @param sizeBytes the sum of its files' sizes
 * @param downloadCount the sum of its files' download counts
 * @param lastDownloadedAt when one of its files was last downloaded
 */
public record PackageRecord(
        long id,
        long registryId,
        String name,
        Instant createdAt,
        Instant updatedAt,
        @Nullable String latestVersion,
        long versionCount,
        long sizeBytes,
        long downloadCount,
        @Nullable Instant lastDownloadedAt) {}
