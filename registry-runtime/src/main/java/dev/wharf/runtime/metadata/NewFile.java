package dev.wharf.runtime.metadata;

import dev.wharf.runtime.storage.Digest;
import org.jspecify.annotations.Nullable;

/**
 * A file to record in a version, after its blob has been stored and verified.
 *
 * @param registryId the registry's row id
 * @param packageName the package, created when it does not exist
 * @param version the version, created when it does not exist
 * @param path the file's path within the version
 * @param digest the blob holding its bytes
 * @param sizeBytes its size
 * @param contentType its media type
 * @param pushedBy who pushed it, for the version's {@code pushedBy} and the audit trail
 * @param upstream the UpstreamProxy it came through; null when pushed here
 * @param overwrite what to do when the version already has a file at this path with other content
 */
public record NewFile(
        long registryId,
        String packageName,
        String version,
        String path,
        Digest digest,
        long sizeBytes,
        String contentType,
        String pushedBy,
        @Nullable String upstream,
        Overwrite overwrite) {

    /** Whether a file may replace another one at the same path. */
    public enum Overwrite {
        /** Refuse with a {@link FileConflictException}: versions are immutable. */
        REFUSE,
        /** Replace it (the Registry allows overwrite). */
        REPLACE
    }
}
