package dev.wharf.runtime.api;

import dev.wharf.api.v1alpha1.registry.Role;
import dev.wharf.runtime.metadata.MetadataEntries;
import dev.wharf.runtime.metadata.PackageQuery;
import dev.wharf.runtime.metadata.Packages;
import dev.wharf.runtime.metadata.Tags;
import dev.wharf.runtime.metadata.Versions;
import dev.wharf.runtime.web.AccessGuard;
import dev.wharf.runtime.web.ArtifactLookup;
import dev.wharf.runtime.web.ServedRegistries;
import dev.wharf.runtime.web.ServedRegistry;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * {@code /api/v1/registries/<registry>/packages}: a page of packages, one package with its metadata, its versions
 * newest first, its tags (OCI tags, npm dist-tags) with the version each points at, and deleting a package with all its
 * versions.
 */
final class PackageApi {

    private final ServedRegistries registries;
    private final AccessGuard guard;
    private final ArtifactLookup lookup;
    private final Packages packages;
    private final Versions versions;
    private final MetadataEntries metadata;
    private final Tags tags;

    PackageApi(
            ServedRegistries registries,
            AccessGuard guard,
            ArtifactLookup lookup,
            Packages packages,
            Versions versions,
            MetadataEntries metadata,
            Tags tags) {
        this.registries = registries;
        this.guard = guard;
        this.lookup = lookup;
        this.packages = packages;
        this.versions = versions;
        this.metadata = metadata;
        this.tags = tags;
    }

    /** One page of the registry's packages. */
    Mono<ServerResponse> list(ServerRequest request) {
        ServedRegistry registry = registries.require(ApiPaths.registry(request));
        return guard.require(request, registry, Role.READ).flatMap(principal -> {
            PackageQuery query = PackageListParameters.parse(request.queryParams());
            return packages.list(registry.id(), query).flatMap(page -> ApiResponses.json(PackagePage.of(page)));
        });
    }

    /** One package with its metadata. */
    Mono<ServerResponse> get(ServerRequest request) {
        ServedRegistry registry = registries.require(ApiPaths.registry(request));
        return guard.require(request, registry, Role.READ)
                .then(lookup.findPackage(registry, ApiPaths.packageName(request)))
                .flatMap(pkg -> metadata.ofPackage(pkg.id())
                        .flatMap(entries -> ApiResponses.json(PackageView.of(pkg, entries))));
    }

    /** The package's versions, newest first, each saying whether it is the latest. */
    Mono<ServerResponse> versions(ServerRequest request) {
        ServedRegistry registry = registries.require(ApiPaths.registry(request));
        return guard.require(request, registry, Role.READ)
                .then(lookup.findPackage(registry, ApiPaths.packageName(request)))
                .flatMap(pkg -> versions.list(pkg.id())
                        .map(version -> VersionView.of(pkg, version))
                        .collectList()
                        .flatMap(ApiResponses::json));
    }

    /** The package's tags by name, each with the version (for an image, the manifest digest) it points at. */
    Mono<ServerResponse> tags(ServerRequest request) {
        ServedRegistry registry = registries.require(ApiPaths.registry(request));
        return guard.require(request, registry, Role.READ)
                .then(lookup.findPackage(registry, ApiPaths.packageName(request)))
                .flatMap(pkg -> tags.list(pkg.id()).map(TagView::of).collectSortedList(TagView.BY_NAME))
                .flatMap(ApiResponses::json);
    }

    /** Deletes the package with all its versions, files and metadata; its blobs wait for garbage collection. */
    Mono<ServerResponse> delete(ServerRequest request) {
        ServedRegistry registry = registries.require(ApiPaths.registry(request));
        return guard.require(request, registry, Role.DELETE)
                .flatMap(principal -> lookup.findPackage(registry, ApiPaths.packageName(request))
                        .flatMap(pkg -> packages.delete(registry.id(), pkg.name(), principal.toString())))
                .then(ApiResponses.noContent());
    }
}
