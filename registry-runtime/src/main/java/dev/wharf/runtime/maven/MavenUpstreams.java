package dev.wharf.runtime.maven;

import dev.wharf.runtime.metadata.FileLookup;
import dev.wharf.runtime.metadata.VersionedFile;
import dev.wharf.runtime.metadata.Versions;
import dev.wharf.runtime.proxy.CacheOutcome;
import dev.wharf.runtime.proxy.UpstreamEngine;
import dev.wharf.runtime.proxy.UpstreamRequest;
import dev.wharf.runtime.proxy.UpstreamResult;
import dev.wharf.runtime.read.ReadOrigin;
import dev.wharf.runtime.read.Sourced;
import dev.wharf.runtime.web.ServedRegistry;
import java.time.Instant;
import java.util.List;
import reactor.core.publisher.Mono;

/**
 * The Maven format's requests to its Registry's UpstreamProxies for files: the same path under each upstream's URL,
 * fetched once, checked against the upstream's {@code .sha1} or {@code .sha256} ({@link UpstreamChecksum}), and kept as a
 * file of the version, so that it is served from here from then on. A POM's {@code Last-Modified} is kept as the
 * version's publish time, which the dependency firewall's minimum age reads.
 */
final class MavenUpstreams {

    private final UpstreamEngine engine;
    private final FileLookup files;
    private final Versions versions;

    MavenUpstreams(UpstreamEngine engine, FileLookup files, Versions versions) {
        this.engine = engine;
        this.files = files;
        this.versions = versions;
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
                        new UpstreamRequest.CachedFile(packageName, file.version(), file.name()))
                .checked(UpstreamChecksum.INSTANCE);
        return engine.fetch(registry, request)
                .flatMap(result -> files.byVersion(registry.id(), packageName, file.version(), file.name())
                        .flatMap(stored -> published(file, result, stored).thenReturn(stored))
                        .map(stored -> new Sourced<>(stored, ReadOrigin.of(result))));
    }

    /** Records the POM's {@code Last-Modified} as the version's publish time when the upstream just served it. */
    private Mono<Boolean> published(MavenPath.ArtifactFile file, UpstreamResult result, VersionedFile stored) {
        if (result.cache() != CacheOutcome.MISS
                || !file.extension().equals("pom")
                || stored.version().publishedAt() != null) {
            return Mono.just(false);
        }
        long lastModified = result.headers().getLastModified();
        return lastModified < 0
                ? Mono.just(false)
                : versions.recordPublished(stored.version().id(), Instant.ofEpochMilli(lastModified));
    }
}
