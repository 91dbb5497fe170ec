package dev.wharf.runtime.maven;

import dev.wharf.runtime.proxy.DocumentTransform;
import dev.wharf.runtime.proxy.UpstreamEngine;
import dev.wharf.runtime.proxy.UpstreamRequest;
import dev.wharf.runtime.proxy.UpstreamResult;
import dev.wharf.runtime.read.Read;
import dev.wharf.runtime.read.ReadOrigin;
import dev.wharf.runtime.read.ReadPipeline;
import dev.wharf.runtime.read.ReadSubject;
import dev.wharf.runtime.read.Sourced;
import dev.wharf.runtime.web.ServedRegistry;
import java.util.List;
import org.springframework.core.io.buffer.DataBufferUtils;
import reactor.core.publisher.Mono;

/**
 * The {@code maven-metadata.xml} a registry serves for a directory, through the read pipeline: a snapshot version's,
 * an artifact's or a group's, generated from the registry's own content ({@link HostedMetadata}) and, in a registry
 * with upstream proxies, merged with the document of the first upstream that has one ({@link MergedMetadata}), which
 * the engine re-checks after the upstream's {@code metadataTTL} and serves stale when the upstream is down.
 */
final class MavenDocuments {

    /** Upstream documents are read and written again, so that one that is not Maven metadata is not kept. */
    private static final DocumentTransform CHECKED = new DocumentTransform() {
        @Override
        public String key() {
            return "maven-metadata/1";
        }

        @Override
        public byte[] apply(Source source, byte[] document) {
            return MavenMetadata.parse(document).xml();
        }
    };

    private final HostedMetadata hosted;
    private final ReadPipeline reads;
    private final UpstreamEngine engine;

    MavenDocuments(HostedMetadata hosted, ReadPipeline reads, UpstreamEngine engine) {
        this.hosted = hosted;
        this.reads = reads;
        this.engine = engine;
    }

    /** The document of the directory {@code path} ends in, as XML; empty when there is none. */
    Mono<Sourced<byte[]>> read(ServedRegistry registry, MavenPath path) {
        boolean proxying = !registry.configured().upstreamProxies().isEmpty();
        Mono<Sourced<MavenMetadata>> own =
                own(registry, path).map(document -> new Sourced<>(document, ReadOrigin.own(registry.name(), proxying)));
        Mono<Sourced<MavenMetadata>> merged = proxying ? merged(registry, path, own) : own;
        Read<Sourced<MavenMetadata>> read = Read.of(subject(path), merged, Sourced::origin);
        return reads.read(registry, read)
                .map(found -> new Sourced<>(found.content().content().xml(), found.origin()));
    }

    /** The registry's own document merged with the upstream's; either alone when only one has it. */
    private Mono<Sourced<MavenMetadata>> merged(
            ServedRegistry registry, MavenPath path, Mono<Sourced<MavenMetadata>> own) {
        Mono<Sourced<MavenMetadata>> upstream = upstream(registry, path);
        return own.map(java.util.Optional::of)
                .defaultIfEmpty(java.util.Optional.empty())
                .flatMap(mine -> upstream.map(theirs -> mine.map(document -> new Sourced<>(
                                        MergedMetadata.of(hosted, document.content(), theirs.content()),
                                        theirs.origin()))
                                .orElse(theirs))
                        .switchIfEmpty(Mono.justOrEmpty(mine))
                        // An upstream that cannot answer does not hide what the registry holds itself.
                        .onErrorResume(
                                dev.wharf.runtime.proxy.UpstreamFailureException.class,
                                failure -> mine.isPresent() ? Mono.just(mine.get()) : Mono.error(failure)));
    }

    private Mono<Sourced<MavenMetadata>> upstream(ServedRegistry registry, MavenPath path) {
        UpstreamRequest request = UpstreamRequest.mutable(
                        subject(path).packageName(), path.relative(), List.of("application/xml", "text/xml"))
                .transformed(CHECKED);
        return engine.fetch(registry, request).flatMap(MavenDocuments::parsed);
    }

    private static Mono<Sourced<MavenMetadata>> parsed(UpstreamResult result) {
        return DataBufferUtils.join(result.body(), MavenMetadata.MAX_BYTES).map(buffer -> {
            try {
                byte[] bytes = new byte[buffer.readableByteCount()];
                buffer.read(bytes);
                return new Sourced<>(MavenMetadata.parse(bytes), ReadOrigin.of(result));
            } finally {
                DataBufferUtils.release(buffer);
            }
        });
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
