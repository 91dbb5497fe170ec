package dev.wharf.runtime.npm;

import dev.wharf.runtime.storage.Digest;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A version being published, its tarball stored and verified.
 *
 * @param registryId the registry's row id
 * @param packageName the package
 * @param version the version
 * @param manifest its version document, JSON, without the tarball URL
 * @param integrity the tarball's sha512 integrity
 * @param shasum the tarball's sha1
 * @param tarball the tarball's blob
 * @param sizeBytes the tarball's size
 * @param readme the package's readme from this publish; null when it sent none
 * @param distTags the dist-tags to point at this version
 * @param deprecated the deprecation message it was published with; null for none
 * @param publishedBy who published it
 */
@SuppressWarnings("ArrayRecordComponent") // the bytes are never changed, and equality is never asked
record NewNpmVersion(
        long registryId,
        String packageName,
        String version,
        byte[] manifest,
        String integrity,
        String shasum,
        Digest tarball,
        long sizeBytes,
        @Nullable String readme,
        Map<String, String> distTags,
        @Nullable String deprecated,
        String publishedBy) {}
