package dev.wharf.runtime.api;

import dev.wharf.runtime.metadata.FileRecord;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A file of a version as the API shows it.
 *
 * @param sha256 the sha256 of its bytes in lower-case hex
 * @param size its size in bytes
 */
record FileView(
        String path,
        String sha256,
        long size,
        String contentType,
        long downloads,
        @Nullable Instant lastDownloadedAt,
        Instant createdAt) {

    static FileView of(FileRecord file) {
        return new FileView(
                file.path(),
                file.digest().hex(),
                file.sizeBytes(),
                file.contentType(),
                file.downloadCount(),
                file.lastDownloadedAt(),
                file.createdAt());
    }
}
