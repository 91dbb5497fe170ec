package dev.wharf.runtime.metadata;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A version of a package.
 *
 * @param id the row id
 * @param packageId the package's row id
 * @param version its name within the package
 * @param baseVersion what groups it with others (a Maven snapshot's {@code 1.0-SNAPSHOT}); null when nothing does
 * @param digest the digest naming it (an OCI manifest's); null for formats without one
 * @param artifactType an OCI artifact type; null otherwise
 * @param subjectDigest the digest of the manifest it refers to (OCI referrers); null otherwise
 * @param createdAt when it was stored here
 * @param pushedBy who pushed it; null when it came through an upstream proxy
 * @param publishedAt when the upstream published it, when known
 * @param upstream the UpstreamProxy it came through; null when it was pushed here
 * @param sizeBytes the sum of its files' sizes
 * @param downloadCount the sum of its files' download counts
 * @param lastDownloadedAt when one of its files was last downloaded
 */
public record VersionRecord(
        long id,
        long packageId,
        String version,
        @Nullable String baseVersion,
        @Nullable String digest,
        @Nullable String artifactType,
        @Nullable String subjectDigest,
        Instant createdAt,
        @Nullable String pushedBy,
        @Nullable Instant publishedAt,
        @Nullable String upstream,
        long sizeBytes,
        long downloadCount,
        @Nullable Instant lastDownloadedAt) {}
