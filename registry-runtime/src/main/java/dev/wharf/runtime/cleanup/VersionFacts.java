package dev.wharf.runtime.cleanup;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What the planner knows of one version.
 *
 * @param id the version's row id
 * @param version its name (a digest for an image manifest)
 * @param pushedAt when it was pushed to, or first cached by, the registry
 * @param lastDownloadedAt its last download, pulls through a proxy in front included; null when never downloaded
 * @param sizeBytes the size of its files
 * @param tags the tags pointing at it, sorted
 * @param needed whether another version of its package needs it although no tag points at it (an index lists it, a
 *     referrer names it as subject, or it is a referrer whose subject is there): never untagged
 */
public record VersionFacts(
        long id,
        String version,
        Instant pushedAt,
        @Nullable Instant lastDownloadedAt,
        long sizeBytes,
        List<String> tags,
        boolean needed) {

    public VersionFacts {
        tags = List.copyOf(tags);
    }
}
