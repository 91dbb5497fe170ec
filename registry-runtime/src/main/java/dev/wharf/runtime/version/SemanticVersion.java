package dev.wharf.runtime.version;

import java.util.List;

/**
 * A semantic version as npm reads it: {@code MAJOR.MINOR.PATCH}, dot-separated prerelease identifiers and build
 * metadata, ordered by semver 2.0.0's precedence (section 11). Build metadata is kept but never ordered on.
 *
 * @param major the major version, at most {@link NpmVersions#MAX_SAFE_INTEGER} as in npm
 * @param minor the minor version, likewise bounded
 * @param patch the patch version, likewise bounded
 * @param prerelease the prerelease identifiers, empty for a release
 * @param build the build metadata identifiers, empty when there are none
 */
public record SemanticVersion(long major, long minor, long patch, List<String> prerelease, List<String> build)
        implements Comparable<SemanticVersion> {

    public SemanticVersion {
        prerelease = List.copyOf(prerelease);
        build = List.copyOf(build);
    }

    /** Whether the version has prerelease identifiers. */
    public boolean isPrerelease() {
        return !prerelease.isEmpty();
    }

    /** {@code MAJOR.MINOR.PATCH[-PRERELEASE]}: the form npm cleans a version to, without build metadata. */
    public String cleaned() {
        String core = major + "." + minor + "." + patch;
        return prerelease.isEmpty() ? core : core + "-" + String.join(".", prerelease);
    }

    @Override
    public int compareTo(SemanticVersion other) {
        int order = Long.compare(major, other.major);
        if (order == 0) {
            order = Long.compare(minor, other.minor);
        }
        if (order == 0) {
            order = Long.compare(patch, other.patch);
        }
        return order != 0 ? order : comparePrerelease(prerelease, other.prerelease);
    }

    /** Section 11.3 and 11.4: a release ranks above its prereleases; identifiers compare left to right. */
    private static int comparePrerelease(List<String> left, List<String> right) {
        if (left.isEmpty() || right.isEmpty()) {
            return Boolean.compare(left.isEmpty(), right.isEmpty());
        }
        for (int i = 0; i < Math.min(left.size(), right.size()); i++) {
            int order = compareIdentifier(left.get(i), right.get(i));
            if (order != 0) {
                return order;
            }
        }
        return Integer.compare(left.size(), right.size());
    }

    /**
     * Numeric identifiers compare numerically (exactly, whatever their length) and rank below alphanumeric ones, which
     * compare in ASCII order: {@code 1 < -x} and {@code alpha10 < alpha9}, as the specification and npm have it.
     */
    private static int compareIdentifier(String left, String right) {
        boolean leftNumeric = isNumeric(left);
        boolean rightNumeric = isNumeric(right);
        if (leftNumeric && rightNumeric) {
            int order = Integer.compare(left.length(), right.length());
            return order != 0 ? order : left.compareTo(right);
        }
        if (leftNumeric != rightNumeric) {
            return leftNumeric ? -1 : 1;
        }
        return left.compareTo(right);
    }

    private static boolean isNumeric(String identifier) {
        return !identifier.isEmpty() && identifier.chars().allMatch(c -> c >= '0' && c <= '9');
    }
}
