package dev.wharf.runtime.version;

import dev.wharf.runtime.artifact.Names;

/**
 * The generic format's scheme: package names and versions are checked as {@link Names} checks every stored name and
 * kept as they are; versions have no order by name (see {@link OrderedByPushVersions}), since a generic package may
 * version by date, by build number or by semver, and nothing says which.
 */
public final class GenericVersions extends OrderedByPushVersions {

    @Override
    public String normalizeName(String name) {
        return Names.packageName(name);
    }

    @Override
    public String normalizeVersion(String version) {
        return Names.version(version);
    }
}
