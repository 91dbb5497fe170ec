package dev.wharf.runtime.version;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/**
 * A format's rules for package names and versions: the canonical name, whether a version is valid, how two versions
 * are ordered, which are prereleases and which one is the latest. Get one from {@link VersionSchemes#of}.
 *
 * <p>As a {@link Comparator} a scheme orders version strings by the format's precedence: {@code compare("1.0", "1")}
 * is {@code 0} for Maven although the strings differ, so it is not consistent with {@link String#equals}. It is total:
 * a string the scheme cannot parse sorts below every valid version, and such strings sort among themselves by
 * {@link String#compareTo}, so that one bad row cannot stop a sort.
 *
 * <p>Every method that refuses a name or a version throws {@link dev.wharf.runtime.artifact.InvalidNameException}
 * with a message naming the value and the rule it breaks, which the web layer answers with a 400.
 */
public interface VersionScheme extends Comparator<String> {

    /**
     * The format's canonical form of a package name, for a package being created: PEP 503 for PyPI ({@code
     * Friendly-Bar_baz} is {@code friendly-bar-baz}), the name itself for npm, Maven and OCI, whose names are checked
     * but not rewritten.
     *
     * @throws dev.wharf.runtime.artifact.InvalidNameException when the name breaks one of the format's rules
     */
    String normalizeName(String name);

    /**
     * The format's canonical form of a version: npm's cleaned semver ({@code v1.2.3} is {@code 1.2.3}), PEP 440's
     * normal form ({@code 1.0-ALPHA.1} is {@code 1.0a1}); Maven, OCI and generic versions are checked, not rewritten.
     *
     * @throws dev.wharf.runtime.artifact.InvalidNameException when the version is not valid in the scheme
     */
    String normalizeVersion(String version);

    /** Whether {@link #normalizeVersion} accepts the version. */
    boolean isValid(String version);

    /**
     * Orders two versions by the format's precedence; see the type's description for versions it cannot parse and for
     * schemes that do not {@linkplain #ordersVersions() order versions}.
     */
    @Override
    int compare(String a, String b);

    /**
     * Whether {@link #compare} is the format's own precedence. False for OCI and generic, whose versions have no order
     * by name (a registry orders them by the time they were pushed): their {@code compare} is {@link String#compareTo},
     * a last resort for a stable listing, and {@link #latest} is always empty.
     */
    boolean ordersVersions();

    /**
     * Whether the version is a prerelease: a semver prerelease for npm, a {@code -SNAPSHOT} for Maven, a pre or dev
     * release for PEP 440 (post releases are releases); never for OCI and generic.
     *
     * @throws dev.wharf.runtime.artifact.InvalidNameException when the version is not valid in the scheme
     */
    boolean isPrerelease(String version);

    /**
     * The latest of the versions: the highest that is not a prerelease or, when all are prereleases, the highest
     * prerelease. Versions the scheme cannot parse are left out; of two versions of equal precedence (npm's {@code
     * 1.0.0+a} and {@code 1.0.0+b}) the one greater as a string is taken, so the answer does not depend on the
     * collection's order. Empty when no version qualifies, and always for a scheme that does not {@linkplain
     * #ordersVersions() order versions}: the caller then takes the version pushed last.
     */
    Optional<String> latest(Collection<String> versions);
}
