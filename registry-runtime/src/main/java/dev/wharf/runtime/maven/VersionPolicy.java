package dev.wharf.runtime.maven;

import dev.wharf.api.v1alpha1.registry.MavenSettings;
import dev.wharf.api.v1alpha1.registry.MavenVersionPolicy;
import dev.wharf.runtime.web.RequestRefusedException;
import dev.wharf.runtime.web.ServedRegistry;
import java.util.Optional;
import org.springframework.http.HttpStatus;

/**
 * A Registry's {@code spec.maven.versionPolicy} applied to a deploy: a release-only registry refuses snapshot files and
 * their snapshot-level metadata, a snapshot-only one refuses release files, before anything is read or written.
 */
final class VersionPolicy {

    private VersionPolicy() {}

    /** The registry's policy; {@link MavenVersionPolicy#MIXED} when it sets none. */
    static MavenVersionPolicy of(ServedRegistry registry) {
        MavenSettings maven = registry.configured().spec().maven();
        MavenVersionPolicy policy = maven == null ? null : maven.versionPolicy();
        return policy == null ? MavenVersionPolicy.MIXED : policy;
    }

    /** Refuses with a 400 a deploy to {@code target} (a file, its checksum or a metadata document) of the wrong kind. */
    static void check(ServedRegistry registry, MavenPath target) {
        MavenVersionPolicy policy = of(registry);
        if (policy == MavenVersionPolicy.MIXED) {
            return;
        }
        Optional<Versioned> versioned = versioned(target);
        if (versioned.isEmpty()) {
            return;
        }
        boolean snapshot = versioned.get().version().endsWith(MavenPath.SNAPSHOT);
        if (policy == MavenVersionPolicy.RELEASE && snapshot) {
            throw refused(
                    registry,
                    versioned.get(),
                    "Snapshot refused",
                    "releases only",
                    "Release",
                    "a snapshot",
                    "snapshots (versionPolicy Snapshot or Mixed)");
        }
        if (policy == MavenVersionPolicy.SNAPSHOT && !snapshot) {
            throw refused(
                    registry,
                    versioned.get(),
                    "Release refused",
                    "snapshots only",
                    "Snapshot",
                    "a release",
                    "releases (versionPolicy Release or Mixed)");
        }
    }

    private static Optional<Versioned> versioned(MavenPath target) {
        if (target.metadata()) {
            // An artifact's or a group's document belongs to no one version; the server generates both anyway.
            return target.snapshotDirectory()
                    .map(directory -> new Versioned(directory.coordinates().packageName(), directory.version()));
        }
        MavenPath.ArtifactFile file = target.file();
        return Optional.of(new Versioned(file.coordinates().packageName(), file.version()));
    }

    private static RequestRefusedException refused(
            ServedRegistry registry,
            Versioned versioned,
            String title,
            String holds,
            String setting,
            String kind,
            String instead) {
        return new RequestRefusedException(
                HttpStatus.BAD_REQUEST,
                title,
                versioned.version() + " of " + versioned.packageName() + " is " + kind + ", but registry '"
                        + registry.name() + "' holds " + holds + " (spec.maven.versionPolicy: " + setting
                        + "): deploy it to a registry that accepts " + instead);
    }

    /** The package and version a deploy is about. */
    private record Versioned(String packageName, String version) {}
}
