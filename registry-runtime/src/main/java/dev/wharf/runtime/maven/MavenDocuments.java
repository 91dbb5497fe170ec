package dev.wharf.runtime.maven;

import dev.wharf.runtime.read.Read;
import dev.wharf.runtime.read.ReadOrigin;
import dev.wharf.runtime.read.ReadPipeline;
import dev.wharf.runtime.read.ReadSubject;
import dev.wharf.runtime.read.Sourced;
import dev.wharf.runtime.web.ServedRegistry;
import reactor.core.publisher.Mono;

/**
 * The {@code maven-metadata.xml} a registry serves for a directory, through the read pipeline: a snapshot version's,
 * an artifact's or a group's, generated from the registry's own content ({@link HostedMetadata}).
 */
final class MavenDocuments {

    private final HostedMetadata hosted;
    private final ReadPipeline reads;

    MavenDocuments(HostedMetadata hosted, ReadPipeline reads) {
        this.hosted = hosted;
        this.reads = reads;
    }

    /** The document of the directory {@code path} ends in, as XML; empty when there is none. */
    Mono<Sourced<byte[]>> read(ServedRegistry registry, MavenPath path) {
        boolean proxying = !registry.configured().upstreamProxies().isEmpty();
        Read<MavenMetadata> read =
                Read.of(subject(path), own(registry, path), document -> ReadOrigin.own(registry.name(), proxying));
        return reads.read(registry, read)
                .map(found -> new Sourced<>(found.content().xml(), found.origin()));
    }

    /** The newest timestamped build's name of a {@code -SNAPSHOT} file; empty when the registry holds none. */
    Mono<String> newestBuild(ServedRegistry registry, MavenPath.ArtifactFile file) {
        return hosted.newestBuild(registry, file);
    }

    private Mono<MavenMetadata> own(ServedRegistry registry, MavenPath path) {
        MavenPath.SnapshotDirectory snapshot = path.snapshotDirectory().orElse(null);
        if (snapshot != null) {
            return hosted.snapshot(registry, snapshot);
        }
        Mono<MavenMetadata> group = Mono.defer(() -> hosted.group(registry, path.groupOfDirectory()));
        return path.artifactOfDirectory()
                .map(coordinates -> hosted.artifact(registry, coordinates).switchIfEmpty(group))
                .orElse(group);
    }

    private static ReadSubject subject(MavenPath path) {
        return path.snapshotDirectory()
                .map(snapshot -> ReadSubject.ofVersion(snapshot.coordinates().packageName(), snapshot.version()))
                .or(() ->
                        path.artifactOfDirectory().map(coordinates -> ReadSubject.ofPackage(coordinates.packageName())))
                .orElseGet(() -> ReadSubject.ofPackage(path.groupOfDirectory()));
    }
}
