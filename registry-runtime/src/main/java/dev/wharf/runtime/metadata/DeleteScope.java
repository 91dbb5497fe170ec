package dev.wharf.runtime.metadata;

/** What deleting a version releases besides the core's rows of it. */
public enum DeleteScope {

    /**
     * What its format keeps for it goes too ({@link FormatRows#versionDeleting}), and when it was the package's last
     * version, what the format keeps for the package ({@link FormatRows#packageDeleting}): a delete through the
     * management API, after which nothing of it is served.
     */
    EVERYTHING,

    /**
     * Only the core's rows: a delete through the format's own protocol, whose rules say what outlives it (in the
     * Docker registry's protocol, the blobs a deleted manifest referenced stay readable until they are deleted on
     * their own or collected).
     */
    CORE_ROWS
}
