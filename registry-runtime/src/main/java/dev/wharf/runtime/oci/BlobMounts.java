package dev.wharf.runtime.oci;

import dev.wharf.api.v1alpha1.common.Format;
import dev.wharf.api.v1alpha1.registry.Role;
import dev.wharf.runtime.storage.Digest;
import dev.wharf.runtime.web.RequestRefusedException;
import dev.wharf.runtime.web.ServedRegistries;
import dev.wharf.runtime.web.ServedRegistry;
import java.util.Optional;
import org.springframework.web.reactive.function.server.ServerRequest;
import reactor.core.publisher.Mono;

/**
 * Whether {@code POST .../blobs/uploads/?mount=<digest>&from=<repository>} can mount the blob rather than upload it.
 * {@code from} is {@code <registry>/<name>}, as our URLs are {@code /v2/<registry>/<name>}: a repository of the same
 * registry, or of another docker registry of this runtime when the caller may read that registry and both keep their
 * blobs in the same store (registries with the same storage settings share one), so that nothing is copied. Without
 * {@code from}, any repository of the same registry. Every other case, a refusal included, is an upload session
 * (202), as the spec allows, so that a mount tells nothing about a registry the caller cannot read.
 */
final class BlobMounts {

    private final OciBlobLinks links;
    private final ServedRegistries registries;
    private final OciAccess access;

    BlobMounts(OciBlobLinks links, ServedRegistries registries, OciAccess access) {
        this.links = links;
        this.registries = registries;
        this.access = access;
    }

    /** The size of the blob to mount into {@code repository}; empty to fall back to an upload. */
    Mono<Long> mountable(ServerRequest request, OciRepository repository, Digest digest) {
        Optional<String> from = request.queryParam("from");
        if (from.isEmpty()) {
            return links.findInRegistry(repository.registryId(), digest);
        }
        int slash = from.get().indexOf('/');
        if (slash <= 0) {
            return Mono.empty();
        }
        String registry = from.get().substring(0, slash);
        String name = from.get().substring(slash + 1);
        if (registry.equals(repository.path().registry())) {
            return links.find(repository.registryId(), name, digest);
        }
        return fromOtherRegistry(request, repository, registry, name, digest);
    }

    @SuppressWarnings("ReferenceEquality") // one store instance is one set of blobs; equal settings share an instance
    private Mono<Long> fromOtherRegistry(
            ServerRequest request, OciRepository repository, String registry, String name, Digest digest) {
        Optional<ServedRegistry> source = registries.serving().stream()
                .filter(served ->
                        served.format() == Format.DOCKER && served.name().equals(registry))
                .findFirst();
        if (source.isEmpty() || source.get().store() != repository.registry().store()) {
            return Mono.empty();
        }
        return access.require(request, source.get(), Role.READ)
                .onErrorResume(RequestRefusedException.class, refused -> Mono.empty())
                .onErrorResume(OciException.class, refused -> Mono.empty())
                .flatMap(reader -> links.find(source.get().id(), name, digest))
                // A link outlives bytes garbage collection removed; the store has the last word.
                .filterWhen(size -> repository.registry().store().exists(digest));
    }
}
