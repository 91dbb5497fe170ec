package dev.wharf.runtime.npm;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A stored npm version: its core row's id and name, and its version document.
 *
 * @param versionId the core version's row id
 * @param version the version
 * @param manifest the version document as published, JSON (no tarball URL)
 * @param integrity its tarball's {@code dist.integrity}
 * @param shasum its tarball's {@code dist.shasum}
 * @param deprecated the deprecation message; null when not deprecated
 * @param publishedAt when it was published
 */
@SuppressWarnings("ArrayRecordComponent") // the bytes are never changed, and equality is never asked
record NpmVersionRow(
        long versionId,
        String version,
        byte[] manifest,
        String integrity,
        String shasum,
        @Nullable String deprecated,
        Instant publishedAt) {}
