package dev.wharf.runtime.storage;

/** An upload ran past the size limit it was given; nothing of it was kept. */
public final class BlobTooLargeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final long maxBytes;

    /** For the limit that was exceeded. */
    public BlobTooLargeException(long maxBytes) {
        super("the upload is larger than the limit of " + maxBytes + " bytes");
        this.maxBytes = maxBytes;
    }

    /** The limit that was exceeded. */
    public long maxBytes() {
        return maxBytes;
    }
}
