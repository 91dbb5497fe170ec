package dev.wharf.runtime.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.wharf.runtime.metadata.PackageRecord;
import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A package as the API shows it.
 *
 * @param latestVersion the version {@code latest} stands for; null when it has none
 * @param metadata its {@code key:value} entries; only in the answer about one package, absent from listings
 */
record PackageView(
        String name,
        @Nullable String latestVersion,
        long versionCount,
        long sizeBytes,
        long downloads,
        Instant createdAt,
        Instant updatedAt,
        @Nullable Instant lastDownloadedAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Map<String, String> metadata) {

    /** For a listing. */
    static PackageView of(PackageRecord pkg) {
        return of(pkg, null);
    }

    static PackageView of(PackageRecord pkg, @Nullable Map<String, String> metadata) {
        return new PackageView(
                pkg.name(),
                pkg.latestVersion(),
                pkg.versionCount(),
                pkg.sizeBytes(),
                pkg.downloadCount(),
                pkg.createdAt(),
                pkg.updatedAt(),
                pkg.lastDownloadedAt(),
                metadata);
    }
}
