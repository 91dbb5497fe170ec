package dev.wharf.runtime.api;

import dev.wharf.api.v1alpha1.registry.Role;
import dev.wharf.runtime.metadata.Files;
import dev.wharf.runtime.metadata.MetadataEntries;
import dev.wharf.runtime.metadata.Versions;
import dev.wharf.runtime.read.FileResponses;
import dev.wharf.runtime.web.AccessGuard;
import dev.wharf.runtime.web.ArtifactLookup;
import dev.wharf.runtime.web.ServedRegistries;
import dev.wharf.runtime.web.ServedRegistry;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * {@code /api/v1/registries/<registry>/packages/<package>/versions/<version>}: one version with its files and
 * metadata ({@code latest} stands for the latest version), its files, one file's bytes, and deleting it.
 */
final class VersionApi {

    private final ServedRegistries registries;
    private final AccessGuard guard;
    private final ArtifactLookup lookup;
    private final Versions versions;
    private final Files files;
    private final MetadataEntries metadata;
    private final FileResponses responses;

    VersionApi(
            ServedRegistries registries,
            AccessGuard guard,
            ArtifactLookup lookup,
            Versions versions,
            Files files,
            MetadataEntries metadata,
            FileResponses responses) {
        this.registries = registries;
        this.guard = guard;
        this.lookup = lookup;
        this.versions = versions;
        this.files = files;
        this.metadata = metadata;
        this.responses = responses;
    }

    /** The version with its files and metadata. */
    Mono<ServerResponse> get(ServerRequest request) {
        ServedRegistry registry = registries.require(ApiPaths.registry(request));
        return guard.require(request, registry, Role.READ)
                .then(lookup.findPackage(registry, ApiPaths.packageName(request)))
                .flatMap(pkg -> lookup.findVersion(registry, pkg, ApiPaths.version(request))
                        .flatMap(version -> Mono.zip(
                                        files.list(version.id())
                                                .map(FileView::of)
                                                .collectList(),
                                        metadata.ofVersion(version.id()))
                                .flatMap(found -> ApiResponses.json(VersionView.of(
                                        version,
                                        version.version().equals(pkg.latestVersion()),
                                        found.getT1(),
                                        found.getT2())))));
    }

    /** The version's files, by path. */
    Mono<ServerResponse> files(ServerRequest request) {
        ServedRegistry registry = registries.require(ApiPaths.registry(request));
        return guard.require(request, registry, Role.READ)
                .then(lookup.findVersion(registry, ApiPaths.packageName(request), ApiPaths.version(request)))
                .flatMap(version -> files.list(version.id()).map(FileView::of).collectList())
                .flatMap(ApiResponses::json);
    }

    /** One file's bytes, with ranges and ETags as every download route serves them. */
    Mono<ServerResponse> download(ServerRequest request) {
        ServedRegistry registry = registries.require(ApiPaths.registry(request));
        String packageName = ApiPaths.packageName(request);
        String path = request.pathVariable("path");
        String filePath = path.startsWith("/") ? path.substring(1) : path;
        return guard.require(request, registry, Role.READ)
                .then(lookup.findFile(registry, packageName, ApiPaths.version(request), filePath))
                .flatMap(file -> responses.serve(request, registry, file));
    }

    /**
     * Deletes the version named exactly so ({@code latest} is not resolved); when it was the latest, the newest
     * remaining version becomes latest, and the last version's deletion deletes the package.
     */
    Mono<ServerResponse> delete(ServerRequest request) {
        ServedRegistry registry = registries.require(ApiPaths.registry(request));
        return guard.require(request, registry, Role.DELETE)
                .flatMap(principal -> lookup.findPackage(registry, ApiPaths.packageName(request))
                        .flatMap(pkg -> lookup.findExactVersion(registry, pkg, ApiPaths.version(request))
                                .flatMap(
                                        version -> versions.delete(pkg.id(), version.version(), principal.toString()))))
                .then(ApiResponses.noContent());
    }
}
