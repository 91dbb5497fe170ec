package dev.wharf.runtime.metadata;

/** The target of a copy already has the version. */
public final class VersionExistsException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public VersionExistsException(String registry, String packageName, String version) {
        super("registry " + registry + " already has version " + version + " of " + packageName
                + "; delete it there first to copy it again");
    }
}
