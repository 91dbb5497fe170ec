package dev.wharf.runtime.firewall;

import dev.wharf.runtime.version.VersionScheme;

/**
 * One version of a package as the firewall evaluates it.
 *
 * @param ecosystem the format's names in package URLs and in OSV
 * @param scheme the format's version rules, for advisory ranges and prereleases
 * @param name the package's canonical name (a Maven {@code groupId:artifactId}, an npm {@code @scope/name})
 * @param version the version
 * @param facts what the format knows of it
 */
public record Candidate(Ecosystem ecosystem, VersionScheme scheme, String name, String version, VersionFacts facts) {

    /** Its package URL, as users write it in policies: {@code pkg:npm/@acme/tool@1.0.0}, unencoded. */
    public String purl() {
        return ecosystem.purl(name, version);
    }

    /** Whether the version is a prerelease by the format's rules; false when the scheme cannot parse it. */
    public boolean prerelease() {
        return scheme.isValid(version) && scheme.isPrerelease(version);
    }

    @Override
    public String toString() {
        return purl();
    }
}
