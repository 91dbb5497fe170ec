package dev.wharf.runtime.oci;

import dev.wharf.runtime.storage.Digest;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A content descriptor of a manifest: what it points at.
 *
 * @param mediaType the media type of the content
 * @param digest its digest
 * @param size its length
 * @param artifactType its artifact type; null when it has none
 * @param external whether it is a non-distributable layer fetched from its {@code urls}, which a registry need not hold
 * @param annotations its annotations
 */
record Descriptor(
        String mediaType,
        Digest digest,
        long size,
        @Nullable String artifactType,
        boolean external,
        Map<String, String> annotations) {

    Descriptor {
        annotations = Map.copyOf(annotations);
    }
}
