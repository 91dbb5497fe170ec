package dev.wharf.runtime.generic;

import dev.wharf.runtime.metadata.FileLookup;
import dev.wharf.runtime.metadata.VersionedFile;
import dev.wharf.runtime.proxy.UpstreamEngine;
import dev.wharf.runtime.proxy.UpstreamRequest;
import dev.wharf.runtime.read.ReadOrigin;
import dev.wharf.runtime.read.Sourced;
import dev.wharf.runtime.web.ServedRegistry;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.web.util.UriUtils;
import reactor.core.publisher.Mono;

/**
 * The generic format's requests to its Registry's UpstreamProxies: {@code <url>/<package>/<version>/<file path>},
 * fetched once and kept as a file of the version, so that it is served from here from then on.
 */
final class GenericUpstreams {

    private final UpstreamEngine engine;
    private final FileLookup files;

    GenericUpstreams(UpstreamEngine engine, FileLookup files) {
        this.engine = engine;
        this.files = files;
    }

    /**
     * The file the path names, from the first upstream that has it, as now kept here; empty when none has it; an
     * {@link dev.wharf.runtime.proxy.UpstreamFailureException} when none could answer.
     */
    Mono<Sourced<VersionedFile>> fetch(ServedRegistry registry, GenericPath path) {
        UpstreamRequest request = UpstreamRequest.immutable(
                path.packageName(),
                "/" + encoded(path.packageName()) + "/" + encoded(path.version()) + "/" + encodedPath(path.filePath()),
                List.of(),
                null,
                new UpstreamRequest.CachedFile(path.packageName(), path.version(), path.filePath()));
        return engine.fetch(registry, request)
                .flatMap(result -> files.byVersion(registry.id(), path.packageName(), path.version(), path.filePath())
                        .map(stored -> new Sourced<>(stored, ReadOrigin.of(result))));
    }

    private static String encoded(String segment) {
        return UriUtils.encodePathSegment(segment, StandardCharsets.UTF_8);
    }

    private static String encodedPath(String path) {
        return UriUtils.encodePath(path, StandardCharsets.UTF_8);
    }
}
