package dev.wharf.runtime.version;

import java.util.Collection;
import java.util.Optional;

/**
 * A scheme whose versions have no order by name, as OCI's and generic's do: the registry orders them by the time they
 * were pushed. {@link #compare} is {@link String#compareTo}, only so that a listing is stable; nothing is a
 * prerelease; and {@link #latest} is always empty, telling the caller to take the version pushed last.
 */
abstract class OrderedByPushVersions implements VersionScheme {

    @Override
    public final boolean isValid(String version) {
        try {
            normalizeVersion(version);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @Override
    public final int compare(String a, String b) {
        return a.compareTo(b);
    }

    @Override
    public final boolean ordersVersions() {
        return false;
    }

    @Override
    public final boolean isPrerelease(String version) {
        normalizeVersion(version);
        return false;
    }

    @Override
    public final Optional<String> latest(Collection<String> versions) {
        return Optional.empty();
    }
}
