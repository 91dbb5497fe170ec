package dev.wharf.runtime.oci;

import dev.wharf.runtime.storage.Digest;
import org.jspecify.annotations.Nullable;

/**
 * A manifest whose subject is another manifest, as the referrers API lists it.
 *
 * @param digest its digest
 * @param mediaType its media type
 * @param sizeBytes its length
 * @param artifactType its artifact type; null when it has none
 */
public record OciReferrer(
        Digest digest,
        String mediaType,
        long sizeBytes,
        @Nullable String artifactType) {}
