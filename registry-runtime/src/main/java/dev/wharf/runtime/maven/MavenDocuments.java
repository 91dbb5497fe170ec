package dev.wharf.runtime.maven;

import dev.wharf.runtime.config.ConfiguredUpstreamProxy;
import dev.wharf.runtime.proxy.CacheOutcome;
import dev.wharf.runtime.proxy.DocumentTransform;
import dev.wharf.runtime.proxy.UpstreamEngine;
import dev.wharf.runtime.proxy.UpstreamFailureException;
import dev.wharf.runtime.proxy.UpstreamRequest;
import dev.wharf.runtime.proxy.UpstreamResult;
import dev.wharf.runtime.read.Read;
import dev.wharf.runtime.read.ReadOrigin;
import dev.wharf.runtime.read.ReadPipeline;
import dev.wharf.runtime.read.ReadSubject;
import dev.wharf.runtime.read.Sourced;
import dev.wharf.runtime.web.ServedRegistry;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.core.io.buffer.DataBufferUtils;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The {@code maven-metadata.xml} a registry serves for a directory, through the read pipeline: a snapshot version's,
 * an artifact's or a group's, generated from the registry's own content ({@link HostedMetadata}) and, in a registry
 * with upstream proxies, merged with the document of every upstream that has one ({@link MergedMetadata}), each of
 * which the engine re-checks after its upstream's {@code metadataTTL} and serves stale while its upstream is down.
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

    /**
     * The registry's own document merged with that of every upstream that has one (each re-checked after its
     * {@code metadataTTL}, each served stale by the engine while its upstream is down); an {@link
     * UpstreamFailureException} only when no upstream could answer and the registry has none of its own.
     */
    private Mono<Sourced<MavenMetadata>> merged(
            ServedRegistry registry, MavenPath path, Mono<Sourced<MavenMetadata>> own) {
        List<UpstreamFailureException> failures = new CopyOnWriteArrayList<>();
        Mono<List<Sourced<MavenMetadata>>> upstreams = Flux.fromIterable(
                        registry.configured().upstreamProxies())
                .flatMapSequential(proxy -> upstream(registry, proxy, path)
                        .onErrorResume(UpstreamFailureException.class, failure -> {
                            failures.add(failure);
                            return Mono.empty();
                        }))
                .collectList();
        return Mono.zip(own.map(List::of).defaultIfEmpty(List.of()), upstreams).flatMap(found -> {
            List<Sourced<MavenMetadata>> all = new ArrayList<>(found.getT1());
            all.addAll(found.getT2());
            if (all.isEmpty()) {
                return failures.isEmpty() ? Mono.empty() : Mono.error(failures.get(0));
            }
            return Mono.just(merge(all));
        });
    }

    /** The documents as one, with an origin naming each source and the least fresh cache outcome. */
    private Sourced<MavenMetadata> merge(List<Sourced<MavenMetadata>> documents) {
        if (documents.size() == 1) {
            return documents.get(0);
        }
        MavenMetadata merged = documents.get(0).content();
        List<String> sources = new ArrayList<>();
        CacheOutcome cache = null;
        for (int i = 0; i < documents.size(); i++) {
            Sourced<MavenMetadata> document = documents.get(i);
            if (i > 0) {
                merged = MergedMetadata.of(hosted, merged, document.content());
            }
            ReadOrigin origin = document.origin();
            sources.add(origin.source());
            CacheOutcome outcome = origin.cache();
            if (outcome != null && (cache == null || outcome.compareTo(cache) > 0)) {
                cache = outcome;
            }
        }
        return new Sourced<>(merged, new ReadOrigin(String.join(", ", sources), cache, true));
    }

    /** The document of UpstreamProxy {@code proxy} alone, at the same path under its URL; empty when it has none. */
    private Mono<Sourced<MavenMetadata>> upstream(
            ServedRegistry registry, ConfiguredUpstreamProxy proxy, MavenPath path) {
        String base = proxy.spec().url();
        URI url = URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path.relative());
        UpstreamRequest request = UpstreamRequest.mutable(
                        subject(path).packageName(), path.relative(), List.of("application/xml", "text/xml"))
                .transformed(CHECKED)
                .at(proxy.name(), url);
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
