package dev.wharf.runtime.maven;

import dev.wharf.api.v1alpha1.common.Format;
import dev.wharf.runtime.metadata.FileRecord;
import dev.wharf.runtime.metadata.Files;
import dev.wharf.runtime.metadata.Packages;
import dev.wharf.runtime.metadata.VersionRecord;
import dev.wharf.runtime.metadata.Versions;
import dev.wharf.runtime.version.VersionScheme;
import dev.wharf.runtime.version.VersionSchemes;
import dev.wharf.runtime.web.ServedRegistry;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * The {@code maven-metadata.xml} documents of a registry's own content, generated from its rows on every request: the
 * artifact's versions with {@code latest} and {@code release}, a snapshot's newest build and the newest file of each
 * classifier and extension, a group's plugins. Two deploys of different versions at the same time therefore never
 * lose one another's version: there is no stored document for them to overwrite.
 */
final class HostedMetadata {

    private static final DateTimeFormatter UPDATED =
            DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);
    private static final Comparator<MavenPath.Build> NEWEST_LAST =
            Comparator.comparingInt(MavenPath.Build::buildNumber).thenComparing(MavenPath.Build::timestamp);

    private final Packages packages;
    private final Versions versions;
    private final Files files;
    private final MavenPlugins plugins;
    private final VersionScheme scheme = VersionSchemes.of(Format.MAVEN);

    HostedMetadata(Packages packages, Versions versions, Files files, MavenPlugins plugins) {
        this.packages = packages;
        this.versions = versions;
        this.files = files;
        this.plugins = plugins;
    }

    /** The artifact's document; empty when the registry holds no version of it. */
    Mono<MavenMetadata> artifact(ServedRegistry registry, MavenPath.Coordinates coordinates) {
        return packages.find(registry.id(), coordinates.packageName())
                .flatMap(pkg -> versions.list(pkg.id()).collectList())
                .filter(list -> !list.isEmpty())
                .map(list -> artifact(coordinates, list));
    }

    private MavenMetadata artifact(MavenPath.Coordinates coordinates, List<VersionRecord> stored) {
        List<String> names =
                stored.stream().map(VersionRecord::version).sorted(scheme).toList();
        Instant updated = stored.stream()
                .map(VersionRecord::createdAt)
                .max(Comparator.naturalOrder())
                .orElseThrow();
        return versioned(coordinates, names, UPDATED.format(updated));
    }

    /** An artifact's document listing {@code versions} (lowest first), {@code latest} and {@code release} computed. */
    MavenMetadata versioned(MavenPath.Coordinates coordinates, List<String> sorted, @Nullable String lastUpdated) {
        String latest = sorted.isEmpty() ? null : sorted.get(sorted.size() - 1);
        String release = null;
        for (String version : sorted) {
            if (!version.endsWith(MavenPath.SNAPSHOT)) {
                release = version;
            }
        }
        return new MavenMetadata(
                coordinates.groupId(),
                coordinates.artifactId(),
                null,
                latest,
                release,
                sorted,
                null,
                List.of(),
                lastUpdated,
                List.of());
    }

    /** The version scheme the documents sort by. */
    VersionScheme scheme() {
        return scheme;
    }

    /** The snapshot version's document; empty when the registry does not hold that version. */
    Mono<MavenMetadata> snapshot(ServedRegistry registry, MavenPath.SnapshotDirectory directory) {
        return version(registry, directory.coordinates(), directory.version())
                .flatMap(version -> files.list(version.id()).collectList())
                .map(stored -> snapshot(registry, directory, stored));
    }

    private MavenMetadata snapshot(
            ServedRegistry registry, MavenPath.SnapshotDirectory directory, List<FileRecord> stored) {
        MavenPath.Build newest = null;
        Map<String, MavenMetadata.SnapshotVersion> byKind = new LinkedHashMap<>();
        Map<String, MavenPath.Build> buildOfKind = new LinkedHashMap<>();
        Instant updated = Instant.EPOCH;
        for (FileRecord file : stored) {
            if (file.createdAt().isAfter(updated)) {
                updated = file.createdAt();
            }
            Optional<MavenPath.ArtifactFile> parsed = parse(registry, directory, file.path());
            if (parsed.isEmpty() || parsed.get().build() == null) {
                continue;
            }
            MavenPath.ArtifactFile artifact = parsed.get();
            MavenPath.Build build = java.util.Objects.requireNonNull(artifact.build());
            if (newest == null || NEWEST_LAST.compare(build, newest) > 0) {
                newest = build;
            }
            String kind = artifact.classifier() + ":" + artifact.extension();
            MavenPath.Build known = buildOfKind.get(kind);
            if (known == null || NEWEST_LAST.compare(build, known) > 0) {
                buildOfKind.put(kind, build);
                byKind.put(
                        kind,
                        new MavenMetadata.SnapshotVersion(
                                artifact.classifier(),
                                artifact.extension(),
                                artifact.fileVersion(),
                                build.timestamp().replace(".", "")));
            }
        }
        List<MavenMetadata.SnapshotVersion> snapshotVersions = new ArrayList<>(byKind.values());
        snapshotVersions.sort(Comparator.comparing(MavenMetadata.SnapshotVersion::extension)
                .thenComparing(MavenMetadata.SnapshotVersion::classifier));
        return new MavenMetadata(
                directory.coordinates().groupId(),
                directory.coordinates().artifactId(),
                directory.version(),
                null,
                null,
                List.of(),
                newest,
                snapshotVersions,
                UPDATED.format(updated),
                List.of());
    }

    /**
     * The name of the newest timestamped build of {@code file}'s classifier and extension, for a request of a
     * {@code -SNAPSHOT} file name; empty when the version holds none.
     */
    Mono<String> newestBuild(ServedRegistry registry, MavenPath.ArtifactFile file) {
        MavenPath.SnapshotDirectory directory = new MavenPath.SnapshotDirectory(file.coordinates(), file.version());
        return version(registry, file.coordinates(), file.version())
                .flatMap(version -> files.list(version.id()).collectList())
                .flatMap(stored -> Mono.justOrEmpty(stored.stream()
                        .map(each -> parse(registry, directory, each.path()))
                        .flatMap(Optional::stream)
                        .filter(each -> each.build() != null
                                && each.classifier().equals(file.classifier())
                                && each.extension().equals(file.extension()))
                        .max(Comparator.comparing(each -> java.util.Objects.requireNonNull(each.build()), NEWEST_LAST))
                        .map(MavenPath.ArtifactFile::name)));
    }

    /** The group's document listing its plugins; empty when it has none. */
    Mono<MavenMetadata> group(ServedRegistry registry, String groupId) {
        return plugins.list(registry.id(), groupId)
                .collectList()
                .filter(list -> !list.isEmpty())
                .map(list -> new MavenMetadata(null, null, null, null, null, List.of(), null, List.of(), null, list));
    }

    private Mono<VersionRecord> version(ServedRegistry registry, MavenPath.Coordinates coordinates, String version) {
        return packages.find(registry.id(), coordinates.packageName()).flatMap(pkg -> versions.find(pkg.id(), version));
    }

    private static Optional<MavenPath.ArtifactFile> parse(
            ServedRegistry registry, MavenPath.SnapshotDirectory directory, String name) {
        try {
            return Optional.of(
                    MavenPath.artifactFile(registry.name(), directory.coordinates(), directory.version(), name));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
