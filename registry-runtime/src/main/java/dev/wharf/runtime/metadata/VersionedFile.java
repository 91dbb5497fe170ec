package dev.wharf.runtime.metadata;

/** A file with the version it belongs to. */
public record VersionedFile(VersionRecord version, FileRecord file) {}
