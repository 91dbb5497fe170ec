package dev.wharf.runtime.metadata;

import dev.wharf.runtime.storage.Digest;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A file of a version: a path and the blob holding its bytes.
 *
 * @param id the row id
 * @param versionId the version's row id
 * @param path its path within the version, validated by {@code artifact.Names}
 * @param digest the sha256 of its bytes, which is also the blob's key in the registry's store
 * @param sizeBytes its size
 * @param contentType the media type it was uploaded with
 * @param createdAt when it was stored
 * @param downloadCount how many times it was downloaded
 * @param lastDownloadedAt when it was last downloaded
 */
public record FileRecord(
        long id,
        long versionId,
        String path,
        Digest digest,
        long sizeBytes,
        String contentType,
        Instant createdAt,
        long downloadCount,
        @Nullable Instant lastDownloadedAt) {}
