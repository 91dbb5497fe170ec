package dev.wharf.runtime.proxy;

import dev.wharf.runtime.metadata.FileRecord;
import dev.wharf.runtime.storage.Digest;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;

/**
 * An immutable object an upstream served, stored in the Registry's BlobStore.
 *
 * @param upstream the UpstreamProxy that served it
 * @param digest the blob holding its bytes
 * @param size its length
 * @param headers the kept headers of the response
 * @param file its file in the metadata, whose downloads are counted; null when the request named none
 */
record CachedObject(
        String upstream,
        Digest digest,
        long size,
        HttpHeaders headers,
        @Nullable FileRecord file) {}
