package dev.wharf.runtime.metadata;

import dev.wharf.runtime.storage.Digest;

/**
 * A file was to point at a blob that garbage collection has marked for deletion: the bytes must be uploaded again once
 * the collector has removed them.
 */
public final class BlobMarkedForDeletionException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final Digest digest;

    public BlobMarkedForDeletionException(Digest digest) {
        super("the blob " + digest + " is being deleted by garbage collection; upload it again, then retry");
        this.digest = digest;
    }

    /** The blob being deleted. */
    public Digest digest() {
        return digest;
    }
}
