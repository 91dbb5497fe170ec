package dev.wharf.runtime.api;

import dev.wharf.api.v1alpha1.registry.Role;
import dev.wharf.runtime.metadata.MetadataEntries;
import dev.wharf.runtime.metadata.PackageRecord;
import dev.wharf.runtime.web.AccessGuard;
import dev.wharf.runtime.web.ArtifactLookup;
import dev.wharf.runtime.web.RequestRefusedException;
import dev.wharf.runtime.web.ServedRegistries;
import dev.wharf.runtime.web.ServedRegistry;
import java.util.Map;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * The {@code key:value} metadata of a package ({@code .../packages/<package>/metadata}) or of a version
 * ({@code .../versions/<version>/metadata}): read, merge new entries in, read or delete one key. Reads resolve
 * {@code latest}; changes need the version's exact name.
 */
final class MetadataApi {

    private static final String EXAMPLE = "{\"team\": \"platform\", \"ticket\": \"OPS-42\"}";

    private final ServedRegistries registries;
    private final AccessGuard guard;
    private final ArtifactLookup lookup;
    private final MetadataEntries metadata;
    private final ApiAudit audit;

    MetadataApi(
            ServedRegistries registries,
            AccessGuard guard,
            ArtifactLookup lookup,
            MetadataEntries metadata,
            ApiAudit audit) {
        this.registries = registries;
        this.guard = guard;
        this.lookup = lookup;
        this.metadata = metadata;
        this.audit = audit;
    }

    /** The package or version whose metadata a request names. */
    private record Owner(
            String description,
            long id,
            String packageName,
            @Nullable String version) {

        boolean isPackage() {
            return version == null;
        }
    }

    /** Every entry, by key. */
    Mono<ServerResponse> list(ServerRequest request) {
        ServedRegistry registry = registries.require(ApiPaths.registry(request));
        return guard.require(request, registry, Role.READ)
                .then(owner(request, registry, false))
                .flatMap(this::entries)
                .flatMap(ApiResponses::json);
    }

    /** One entry, as {@code {"key": ..., "value": ...}}. */
    Mono<ServerResponse> get(ServerRequest request) {
        ServedRegistry registry = registries.require(ApiPaths.registry(request));
        String key = MetadataBody.key(ApiPaths.key(request));
        return guard.require(request, registry, Role.READ)
                .then(owner(request, registry, false))
                .flatMap(owner -> entries(owner).flatMap(entries -> {
                    String value = entries.get(key);
                    return value == null
                            ? Mono.error(noKey(owner, key))
                            : ApiResponses.json(Map.of("key", key, "value", value));
                }));
    }

    /** Sets the entries of the body, keeping the others; answers every entry after the change. */
    Mono<ServerResponse> set(ServerRequest request) {
        ServedRegistry registry = registries.require(ApiPaths.registry(request));
        return guard.require(request, registry, Role.WRITE)
                .flatMap(principal -> JsonBodies.object(request, EXAMPLE)
                        .map(MetadataBody::entries)
                        .flatMap(entries -> owner(request, registry, true)
                                .flatMap(owner -> set(owner, entries)
                                        .flatMap(after -> audit.record(
                                                        principal,
                                                        owner.isPackage()
                                                                ? "package.metadata.set"
                                                                : "version.metadata.set",
                                                        registry.name(),
                                                        owner.packageName(),
                                                        owner.version(),
                                                        "keys " + new TreeSet<>(entries.keySet()))
                                                .thenReturn(after)))))
                .flatMap(ApiResponses::json);
    }

    /** Deletes one entry; 404 when it is not set. */
    Mono<ServerResponse> delete(ServerRequest request) {
        ServedRegistry registry = registries.require(ApiPaths.registry(request));
        String key = MetadataBody.key(ApiPaths.key(request));
        return guard.require(request, registry, Role.WRITE)
                .flatMap(principal -> owner(request, registry, true)
                        .flatMap(owner -> (owner.isPackage()
                                        ? metadata.deleteFromPackage(owner.id(), key)
                                        : metadata.deleteFromVersion(owner.id(), key))
                                .flatMap(deleted -> deleted
                                        ? audit.record(
                                                principal,
                                                owner.isPackage()
                                                        ? "package.metadata.delete"
                                                        : "version.metadata.delete",
                                                registry.name(),
                                                owner.packageName(),
                                                owner.version(),
                                                "key " + key)
                                        : Mono.error(noKey(owner, key)))))
                .then(ApiResponses.noContent());
    }

    private Mono<Map<String, String>> entries(Owner owner) {
        return owner.isPackage() ? metadata.ofPackage(owner.id()) : metadata.ofVersion(owner.id());
    }

    private Mono<Map<String, String>> set(Owner owner, Map<String, String> entries) {
        return (owner.isPackage()
                        ? metadata.setOnPackage(owner.id(), entries)
                        : metadata.setOnVersion(owner.id(), entries))
                .onErrorMap(
                        IllegalArgumentException.class,
                        e -> RequestRefusedException.conflict(owner.description() + ": " + e.getMessage()))
                .switchIfEmpty(Mono.error(() -> RequestRefusedException.notFound(
                        owner.description() + " was deleted while its metadata was being set")));
    }

    /** The version when the route names one, else the package; {@code latest} resolved only for reads. */
    private Mono<Owner> owner(ServerRequest request, ServedRegistry registry, boolean change) {
        Mono<PackageRecord> pkg = lookup.findPackage(registry, ApiPaths.packageName(request));
        String in = " in registry '" + registry.name() + "'";
        if (!request.pathVariables().containsKey("version")) {
            return pkg.map(p -> new Owner("package '" + p.name() + "'" + in, p.id(), p.name(), null));
        }
        String version = ApiPaths.version(request);
        return pkg.flatMap(p -> (change
                        ? lookup.findExactVersion(registry, p, version)
                        : lookup.findVersion(registry, p, version))
                .map(v -> new Owner(
                        "version '" + v.version() + "' of package '" + p.name() + "'" + in,
                        v.id(),
                        p.name(),
                        v.version())));
    }

    private static RequestRefusedException noKey(Owner owner, String key) {
        return RequestRefusedException.notFound(owner.description() + " has no metadata key '" + key + "'");
    }
}
