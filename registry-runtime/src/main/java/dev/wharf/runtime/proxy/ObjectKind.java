package dev.wharf.runtime.proxy;

/** Whether an upstream object can change, which decides how long the engine trusts its copy. */
public enum ObjectKind {
    /** Content addressed by digest, or a release file that never changes: stored in the BlobStore and kept. */
    IMMUTABLE,
    /** A document that changes (tag list, package document, index): kept in memory and re-checked after its TTL. */
    MUTABLE
}
