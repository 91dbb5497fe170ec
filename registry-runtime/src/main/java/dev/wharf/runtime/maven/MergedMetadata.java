package dev.wharf.runtime.maven;

import dev.wharf.runtime.version.VersionScheme;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Two {@code maven-metadata.xml} documents of one directory as one, with group semantics: the versions of both,
 * {@code latest} and {@code release} recomputed, the plugins of both, and of a snapshot version the newer build.
 */
final class MergedMetadata {

    private MergedMetadata() {}

    /** {@code own} and {@code upstream} as one document; {@code own} wins where they cannot both be kept. */
    static MavenMetadata of(HostedMetadata hosted, MavenMetadata own, MavenMetadata upstream) {
        if (own.version() != null || upstream.version() != null) {
            return newerSnapshot(own, upstream);
        }
        VersionScheme scheme = hosted.scheme();
        Set<String> versions = new LinkedHashSet<>(own.versions());
        versions.addAll(upstream.versions());
        List<String> sorted = versions.stream().sorted(scheme).toList();
        Map<String, MavenMetadata.Plugin> plugins = new LinkedHashMap<>();
        upstream.plugins().forEach(plugin -> plugins.put(plugin.artifactId(), plugin));
        own.plugins().forEach(plugin -> plugins.put(plugin.artifactId(), plugin));
        List<MavenMetadata.Plugin> merged = new ArrayList<>(plugins.values());
        merged.sort(Comparator.comparing(MavenMetadata.Plugin::artifactId));
        boolean artifact = own.artifactId() != null || upstream.artifactId() != null;
        String latest = null;
        String release = null;
        for (String version : sorted) {
            latest = version;
            if (!version.endsWith(MavenPath.SNAPSHOT)) {
                release = version;
            }
        }
        return new MavenMetadata(
                own.groupId() != null ? own.groupId() : upstream.groupId(),
                own.artifactId() != null ? own.artifactId() : upstream.artifactId(),
                null,
                artifact ? latest : null,
                artifact ? release : null,
                sorted,
                null,
                List.of(),
                later(own.lastUpdated(), upstream.lastUpdated()),
                merged);
    }

    private static MavenMetadata newerSnapshot(MavenMetadata own, MavenMetadata upstream) {
        MavenPath.Build mine = own.snapshot();
        MavenPath.Build theirs = upstream.snapshot();
        if (mine == null) {
            return theirs == null && !own.snapshotVersions().isEmpty() ? own : upstream;
        }
        if (theirs == null) {
            return own;
        }
        return theirs.timestamp().compareTo(mine.timestamp()) > 0 ? upstream : own;
    }

    private static @Nullable String later(@Nullable String a, @Nullable String b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return a.compareTo(b) >= 0 ? a : b;
    }
}
