package dev.wharf.runtime.storage;

/**
 * The storage backend failed: a disk error, S3 unreachable or refusing. The message says what failed and where, and
 * never holds a credential.
 */
public final class StorageException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** With the failure that caused it. */
    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Without an underlying exception. */
    public StorageException(String message) {
        super(message);
    }
}
