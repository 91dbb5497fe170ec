package dev.wharf.runtime.metadata;

/**
 * A version just copied into another registry's package, as {@link FormatRows#versionCopied} sees it.
 *
 * @param sourceVersionId the row id of the version copied
 * @param target the package it was copied into, locked
 * @param targetVersionId the row id of the copy
 */
public record CopiedVersion(long sourceVersionId, LockedPackage target, long targetVersionId) {}
