package dev.wharf.runtime.api;

import dev.wharf.api.v1alpha1.registry.Role;
import dev.wharf.runtime.auth.Principal;
import dev.wharf.runtime.metadata.Files;
import dev.wharf.runtime.metadata.PackageRecord;
import dev.wharf.runtime.metadata.VersionRecord;
import dev.wharf.runtime.metadata.Versions;
import dev.wharf.runtime.web.AccessGuard;
import dev.wharf.runtime.web.ArtifactLookup;
import dev.wharf.runtime.web.RequestRefusedException;
import dev.wharf.runtime.web.ServedRegistries;
import dev.wharf.runtime.web.ServedRegistry;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@code POST .../versions/<version>/copy}: copies a version, its files and its metadata into a package of the same
 * name in another registry of the same format, where it becomes the latest. Needs read in the source and write in
 * the target; blobs are streamed into the target's store first when the two registries do not share one.
 */
final class VersionCopier {

    private final ServedRegistries registries;
    private final AccessGuard guard;
    private final ArtifactLookup lookup;
    private final Versions versions;
    private final Files files;

    VersionCopier(
            ServedRegistries registries, AccessGuard guard, ArtifactLookup lookup, Versions versions, Files files) {
        this.registries = registries;
        this.guard = guard;
        this.lookup = lookup;
        this.versions = versions;
        this.files = files;
    }

    /** 201 with the copy, at its URL in the target registry. */
    Mono<ServerResponse> copy(ServerRequest request) {
        ServedRegistry source = registries.require(ApiPaths.registry(request));
        return guard.require(request, source, Role.READ)
                .then(JsonBodies.read(request, CopyRequest.class, CopyRequest.EXAMPLE))
                .map(body -> target(source, body))
                .flatMap(target -> guard.require(request, target, Role.WRITE)
                        .flatMap(principal -> lookup.findPackage(source, ApiPaths.packageName(request))
                                .flatMap(pkg -> lookup.findVersion(source, pkg, ApiPaths.version(request))
                                        .flatMap(version -> copy(source, target, pkg, version, principal)))));
    }

    private Mono<ServerResponse> copy(
            ServedRegistry source, ServedRegistry target, PackageRecord pkg, VersionRecord version, Principal actor) {
        return Flux.concat(versions.copiedWith(version.id()).concatMap(files::list), files.list(version.id()))
                .collectList()
                .flatMap(records -> BlobTransfer.copy(source.store(), target.store(), records)
                        .then(versions.copy(version.id(), target.id(), actor.toString()))
                        .switchIfEmpty(Mono.error(() -> RequestRefusedException.notFound("version '"
                                + version.version() + "' of package '" + pkg.name() + "' in registry '"
                                + source.name() + "' was deleted while it was being copied")))
                        .flatMap(copy -> files.list(copy.id())
                                .map(FileView::of)
                                .collectList()
                                .flatMap(copied -> ApiResponses.created(
                                        ApiPaths.versionUrl(target.name(), pkg.name(), copy.version()),
                                        VersionView.of(copy, true, copied, null)))));
    }

    /** The target the body names, which must differ from the source, serve its format and accept pushes. */
    private ServedRegistry target(ServedRegistry source, CopyRequest body) {
        String name = body.targetRegistry();
        if (name == null || name.isBlank()) {
            throw RequestRefusedException.badRequest(
                    "the body names no targetRegistry; send a JSON object such as " + CopyRequest.EXAMPLE);
        }
        if (name.equals(source.name())) {
            throw RequestRefusedException.badRequest("the targetRegistry is '" + name
                    + "', the registry the version is in; name another registry of the same format");
        }
        ServedRegistry target = registries.require(name);
        if (target.format() != source.format()) {
            throw RequestRefusedException.conflict(
                    "registry '" + target.name() + "' serves " + target.format().id()
                            + " but registry '" + source.name() + "' serves "
                            + source.format().id()
                            + "; a version can only be copied to a registry of the same format");
        }
        if (!target.allowPush()) {
            throw RequestRefusedException.conflict("registry '" + target.name()
                    + "' does not accept pushes (spec.allowPush is false), so nothing can be copied into it");
        }
        return target;
    }
}
