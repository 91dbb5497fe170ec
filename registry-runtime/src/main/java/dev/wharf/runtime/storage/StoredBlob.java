package dev.wharf.runtime.storage;

/**
 * The outcome of a successful upload.
 *
 * @param digest the sha256 of the content, under which it can now be read
 * @param size its length in bytes
 * @param created true when this upload stored the blob, false when the store already held it
 */
public record StoredBlob(Digest digest, long size, boolean created) {}
