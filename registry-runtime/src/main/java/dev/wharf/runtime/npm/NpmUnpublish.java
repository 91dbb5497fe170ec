package dev.wharf.runtime.npm;

import dev.wharf.runtime.auth.Principal;
import dev.wharf.runtime.metadata.PackageRecord;
import dev.wharf.runtime.metadata.Packages;
import dev.wharf.runtime.metadata.Versions;
import dev.wharf.runtime.web.RequestRefusedException;
import dev.wharf.runtime.web.ServedRegistry;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.BodyExtractors;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * {@code npm unpublish}, by the revision protocol npm uses: {@code PUT /<package>/-rev/<rev>} with the packument less
 * the versions to remove, then {@code DELETE /<package>/-/<tarball>/-rev/<rev>}; or {@code DELETE
 * /<package>/-rev/<rev>} for the whole package. Each removed version is deleted through the core (audit-trailed,
 * {@code latest} moved to the highest remaining release by {@link NpmRows}); its name and version stay taken.
 */
final class NpmUnpublish {

    private final Packages packages;
    private final Versions versions;
    private final NpmStore store;

    NpmUnpublish(Packages packages, Versions versions, NpmStore store) {
        this.packages = packages;
        this.versions = versions;
        this.store = store;
    }

    /** The packument sent back without some versions: those versions are unpublished. */
    Mono<ServerResponse> versions(ServerRequest request, ServedRegistry registry, Principal principal) {
        String name = NpmName.of(request);
        return hosted(registry, name)
                .flatMap(pkg -> body(request).flatMap(document -> {
                    JsonNode sent = document.path("versions");
                    if (!sent.isObject()) {
                        return Mono.error(RequestRefusedException.badRequest(
                                "the document has no \"versions\" object; unpublish with npm unpublish"));
                    }
                    Set<String> kept = new HashSet<>(sent.propertyNames());
                    return store.versions(pkg.id())
                            .filter(row -> !kept.contains(row.version()))
                            .concatMap(row -> versions.delete(pkg.id(), row.version(), principal.toString()))
                            .then();
                }))
                .then(NpmResponses.json(HttpStatus.OK, Map.of("ok", "updated package", "id", name)));
    }

    /** The whole package unpublished. */
    Mono<ServerResponse> all(ServerRequest request, ServedRegistry registry, Principal principal) {
        String name = NpmName.of(request);
        return hosted(registry, name)
                .flatMap(pkg -> packages.delete(registry.id(), name, principal.toString()))
                .then(NpmResponses.json(HttpStatus.OK, Map.of("ok", "deleted package", "id", name)));
    }

    /** The tarball's version unpublished, when it is still there (npm removes it from the packument first). */
    Mono<ServerResponse> tarball(ServerRequest request, ServedRegistry registry, Principal principal) {
        String name = NpmName.of(request);
        String version = NpmName.versionOfTarball(name, request.pathVariable("file"));
        return packages.find(registry.id(), name)
                .flatMap(pkg -> store.versions(pkg.id())
                        .filter(row -> row.version().equals(version))
                        .next()
                        .flatMap(row -> versions.delete(pkg.id(), version, principal.toString())))
                .then(NpmResponses.json(HttpStatus.OK, Map.of("ok", "deleted tarball", "id", name)));
    }

    private Mono<PackageRecord> hosted(ServedRegistry registry, String name) {
        return packages.find(registry.id(), name)
                .filterWhen(pkg -> store.versions(pkg.id()).hasElements())
                .switchIfEmpty(Mono.error(() -> RequestRefusedException.notFound(
                        "registry '" + registry.name() + "' has no package '" + name + "' to unpublish")));
    }

    private static Mono<JsonNode> body(ServerRequest request) {
        Flux<org.springframework.core.io.buffer.DataBuffer> body = request.body(BodyExtractors.toDataBuffers());
        return DataBufferUtils.join(body, (int) NpmPublish.MAX_DOCUMENT_BYTES)
                .onErrorMap(
                        org.springframework.core.io.buffer.DataBufferLimitException.class,
                        e -> new RequestRefusedException(
                                HttpStatus.CONTENT_TOO_LARGE,
                                "Document too large",
                                "the packument sent is larger than " + NpmPublish.MAX_DOCUMENT_BYTES + " bytes"))
                .map(buffer -> {
                    try (var stream = buffer.asInputStream(true)) {
                        JsonNode node = PublishBody.JSON.readTree(stream);
                        if (node == null || !node.isObject()) {
                            throw RequestRefusedException.badRequest("the body is not a JSON object");
                        }
                        return node;
                    } catch (JacksonException e) {
                        throw RequestRefusedException.badRequest(
                                "the body is not valid JSON: " + e.getOriginalMessage());
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                })
                .switchIfEmpty(Mono.error(() -> RequestRefusedException.badRequest(
                        "the body is empty; send the packument without the versions to unpublish")));
    }
}
