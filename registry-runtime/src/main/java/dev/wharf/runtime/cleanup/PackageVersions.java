package dev.wharf.runtime.cleanup;

import java.util.List;

/**
 * The versions of one package, as the planner decides on them: a package at a time.
 *
 * @param registry the Registry holding it
 * @param packageId its row id
 * @param packageName its name
 * @param tagged whether its format tags versions one by one (image manifests), the only ones an untagged rule selects
 * @param versions its versions, in any order
 */
public record PackageVersions(
        String registry, long packageId, String packageName, boolean tagged, List<VersionFacts> versions) {

    public PackageVersions {
        versions = List.copyOf(versions);
    }
}
