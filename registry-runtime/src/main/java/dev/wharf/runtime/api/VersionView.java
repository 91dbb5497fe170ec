package dev.wharf.runtime.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.wharf.runtime.metadata.PackageRecord;
import dev.wharf.runtime.metadata.VersionRecord;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A version as the API shows it.
 *
 * @param latest whether it is the one {@code latest} stands for
 * @param pushedBy who pushed or copied it here; null when it came through an upstream proxy
 * @param upstream the UpstreamProxy it came through; null when it was pushed here
 * @param files its files; only in the answer about one version, absent from listings
 * @param metadata its {@code key:value} entries; only in the answer about one version
 */
record VersionView(
        String version,
        boolean latest,
        long sizeBytes,
        long downloads,
        Instant createdAt,
        @Nullable String pushedBy,
        @Nullable Instant publishedAt,
        @Nullable String upstream,
        @Nullable String digest,
        @Nullable Instant lastDownloadedAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable List<FileView> files,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Map<String, String> metadata) {

    /** For a listing. */
    static VersionView of(PackageRecord pkg, VersionRecord version) {
        return of(version, version.version().equals(pkg.latestVersion()), null, null);
    }

    static VersionView of(
            VersionRecord version,
            boolean latest,
            @Nullable List<FileView> files,
            @Nullable Map<String, String> metadata) {
        return new VersionView(
                version.version(),
                latest,
                version.sizeBytes(),
                version.downloadCount(),
                version.createdAt(),
                version.pushedBy(),
                version.publishedAt(),
                version.upstream(),
                version.digest(),
                version.lastDownloadedAt(),
                files,
                metadata);
    }
}
