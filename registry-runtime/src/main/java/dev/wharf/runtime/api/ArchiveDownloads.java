package dev.wharf.runtime.api;

import dev.wharf.api.v1alpha1.registry.Role;
import dev.wharf.runtime.metadata.DownloadCounter;
import dev.wharf.runtime.metadata.Files;
import dev.wharf.runtime.metadata.VersionRecord;
import dev.wharf.runtime.metadata.Versions;
import dev.wharf.runtime.web.AccessGuard;
import dev.wharf.runtime.web.ArtifactLookup;
import dev.wharf.runtime.web.ServedRegistries;
import dev.wharf.runtime.web.ServedRegistry;
import dev.wharf.runtime.web.WebMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Zips for download, streamed: a version's files ({@code .../versions/<version>/download}, entries named by their
 * paths) and a whole package ({@code .../packages/<package>/download}, entries {@code <version>/<path>}). What is
 * missing is answered 404 before the first byte; a blob that cannot be read mid-way aborts the response. Each file
 * zipped counts as a download of it.
 */
final class ArchiveDownloads {

    private static final Logger LOG = LoggerFactory.getLogger(ArchiveDownloads.class);
    private static final MediaType ZIP = MediaType.parseMediaType("application/zip");

    private final ServedRegistries registries;
    private final AccessGuard guard;
    private final ArtifactLookup lookup;
    private final Versions versions;
    private final Files files;
    private final DownloadCounter downloads;
    private final WebMetrics metrics;

    ArchiveDownloads(
            ServedRegistries registries,
            AccessGuard guard,
            ArtifactLookup lookup,
            Versions versions,
            Files files,
            DownloadCounter downloads,
            WebMetrics metrics) {
        this.registries = registries;
        this.guard = guard;
        this.lookup = lookup;
        this.versions = versions;
        this.files = files;
        this.downloads = downloads;
        this.metrics = metrics;
    }

    /** The version's files as a zip. */
    Mono<ServerResponse> version(ServerRequest request) {
        ServedRegistry registry = registries.require(ApiPaths.registry(request));
        String packageName = ApiPaths.packageName(request);
        return guard.require(request, registry, Role.READ)
                .then(lookup.findVersion(registry, packageName, ApiPaths.version(request)))
                .flatMap(version -> files.list(version.id())
                        .map(file -> new ZipArchive.Entry(file.path(), file))
                        .collectList()
                        .flatMap(entries -> zip(
                                request,
                                registry,
                                fileName(packageName) + "-" + fileName(version.version()) + ".zip",
                                Flux.fromIterable(entries))));
    }

    /** Every version of the package as a zip, newest version first. */
    Mono<ServerResponse> pkg(ServerRequest request) {
        ServedRegistry registry = registries.require(ApiPaths.registry(request));
        return guard.require(request, registry, Role.READ)
                .then(lookup.findPackage(registry, ApiPaths.packageName(request)))
                .flatMap(pkg -> versions.list(pkg.id())
                        .collectList()
                        .flatMap(found -> zip(
                                request,
                                registry,
                                fileName(pkg.name()) + ".zip",
                                Flux.fromIterable(found).concatMap(this::entries))));
    }

    /**
     * The entries of one version, named {@code <version>/<path>}. Each query is read whole when the archive reaches
     * the version, so that no database connection stays open while the client downloads.
     */
    private Flux<ZipArchive.Entry> entries(VersionRecord version) {
        return files.list(version.id())
                .map(file -> new ZipArchive.Entry(version.version() + "/" + file.path(), file))
                .collectList()
                .flatMapIterable(entries -> entries);
    }

    private Mono<ServerResponse> zip(
            ServerRequest request, ServedRegistry registry, String fileName, Flux<ZipArchive.Entry> entries) {
        Flux<DataBuffer> body = ZipArchive.stream(
                        entries,
                        registry.store(),
                        request.exchange().getResponse().bufferFactory(),
                        downloads::record)
                .doOnNext(buffer -> metrics.bytesOut(registry, buffer.readableByteCount()))
                .doOnError(e -> LOG.warn(
                        "The zip {} of registry {} was cut short: {}", fileName, registry.name(), e.toString()));
        return ServerResponse.ok()
                .contentType(ZIP)
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename(fileName)
                                .build()
                                .toString())
                .body(BodyInserters.fromDataBuffers(body));
    }

    /** A name safe in a file name: {@code @scope/name} becomes {@code scope-name}. */
    static String fileName(String name) {
        String safe = name.replaceAll("[^A-Za-z0-9._+~-]+", "-").replaceAll("^[-.]+|-+$", "");
        return safe.isEmpty() ? "archive" : safe;
    }
}
