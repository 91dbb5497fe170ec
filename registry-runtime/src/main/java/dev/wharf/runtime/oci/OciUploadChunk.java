package dev.wharf.runtime.oci;

import dev.wharf.runtime.storage.Digest;

/**
 * A part of a blob upload, stored as a blob of its own.
 *
 * @param offset where its first byte goes in the blob being uploaded
 * @param digest the blob holding its bytes
 * @param sizeBytes its length
 */
public record OciUploadChunk(long offset, Digest digest, long sizeBytes) {}
