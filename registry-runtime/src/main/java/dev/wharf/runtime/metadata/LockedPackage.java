package dev.wharf.runtime.metadata;

import org.jspecify.annotations.Nullable;

/**
 * A package row locked by the current transaction, with the names an audit event needs and the format its hooks are chosen by.
 *
 * @param id the row id
 * @param registryId the registry's row id
 * @param name the package's name
 * @param latestVersionId the version it calls latest, null when none
 * @param registryName the registry's name
 * @param registryFormat the registry's format, as {@link dev.wharf.api.v1alpha1.common.Format#id()} names it
 */
public record LockedPackage(
        long id,
        long registryId,
        String name,
        @Nullable Long latestVersionId,
        String registryName,
        String registryFormat) {}
