package dev.wharf.runtime.metadata;

import dev.wharf.runtime.storage.Digest;

/** A version already has different content at a path, and the registry does not allow overwriting it. */
public final class FileConflictException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final Digest existing;

    public FileConflictException(String packageName, String version, String path, Digest existing) {
        super("version " + version + " of " + packageName + " already has " + path + " with digest " + existing
                + "; versions are immutable in this registry: push a new version, or delete this one first");
        this.existing = existing;
    }

    /** The digest of the content already there. */
    public Digest existing() {
        return existing;
    }
}
