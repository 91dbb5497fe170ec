package dev.wharf.runtime.maven;

import dev.wharf.runtime.metadata.FileLookup;
import dev.wharf.runtime.metadata.VersionedFile;
import dev.wharf.runtime.proxy.UpstreamEngine;
import dev.wharf.runtime.proxy.UpstreamRequest;
import dev.wharf.runtime.read.ReadOrigin;
import dev.wharf.runtime.read.Sourced;
import dev.wharf.runtime.web.ServedRegistry;
import java.util.List;
import reactor.core.publisher.Mono;

/**
 * The Maven format's requests to its Registry's UpstreamProxies for files: the same path under each upstream's URL,
 * fetched once and kept as a file of the version, so that it is served from here from then on.
 */
final class MavenUpstreams {

    private final UpstreamEngine engine;
    private final FileLookup files;

    MavenUpstreams(UpstreamEngine engine, FileLookup files) {
        this.engine = engine;
        this.files = files;
    }

    /**
     * The file from the first upstream that has it, as now kept here; empty when none has it; an {@link
     * dev.wharf.runtime.proxy.UpstreamFailureException} when none could answer.
     */
    Mono<Sourced<VersionedFile>> file(ServedRegistry registry, MavenPath.ArtifactFile file) {
        String packageName = file.coordinates().packageName();
        UpstreamRequest request = UpstreamRequest.immutable(
                packageName,
                file.coordinates().directory() + "/" + file.version() + "/" + file.name(),
                List.of(),
                null,
                new UpstreamRequest.CachedFile(packageName, file.version(), file.name()));
        return engine.fetch(registry, request)
                .flatMap(result -> files.byVersion(registry.id(), packageName, file.version(), file.name())
                        .map(stored -> new Sourced<>(stored, ReadOrigin.of(result))));
    }
}
