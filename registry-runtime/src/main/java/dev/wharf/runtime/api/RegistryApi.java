package dev.wharf.runtime.api;

import dev.wharf.api.v1alpha1.registry.Role;
import dev.wharf.runtime.auth.Authorizer;
import dev.wharf.runtime.auth.Principal;
import dev.wharf.runtime.metadata.Registries;
import dev.wharf.runtime.metadata.RegistryUsage;
import dev.wharf.runtime.web.AccessGuard;
import dev.wharf.runtime.web.AccessRefusedException;
import dev.wharf.runtime.web.RequestRefusedException;
import dev.wharf.runtime.web.ServedRegistries;
import dev.wharf.runtime.web.ServedRegistry;
import dev.wharf.runtime.web.UnimplementedFormats;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@code /api/v1/registries}: the registries the caller may read, one registry, and its metadata, which comes from the
 * Registry manifest and cannot be changed here.
 */
final class RegistryApi {

    private final ServedRegistries registries;
    private final AccessGuard guard;
    private final Registries usage;
    private final UnimplementedFormats formats;

    RegistryApi(ServedRegistries registries, AccessGuard guard, Registries usage, UnimplementedFormats formats) {
        this.registries = registries;
        this.guard = guard;
        this.usage = usage;
        this.formats = formats;
    }

    /** The serving registries the caller may read; a caller with bad credentials gets 401, not an empty list. */
    Mono<ServerResponse> list(ServerRequest request) {
        List<ServedRegistry> serving = List.copyOf(registries.serving());
        Mono<?> credentials = request.headers().firstHeader(HttpHeaders.AUTHORIZATION) == null
                ? Mono.empty()
                : guard.requireAuthenticated(request, serving);
        Mono<List<Map.Entry<ServedRegistry, Principal>>> readable = credentials
                .thenMany(Flux.fromIterable(serving)
                        .concatMap(registry -> guard.require(request, registry, Role.READ)
                                .map(principal -> Map.entry(registry, principal))
                                .onErrorResume(AccessRefusedException.class, refused -> Mono.empty())))
                .collectList();
        return readable.zipWith(usage.usageByName())
                .flatMap(found -> ApiResponses.json(found.getT1().stream()
                        .map(entry -> view(
                                entry.getKey(),
                                entry.getValue(),
                                found.getT2().getOrDefault(entry.getKey().name(), RegistryUsage.EMPTY)))
                        .toList()));
    }

    /** One registry with what it holds. */
    Mono<ServerResponse> get(ServerRequest request) {
        ServedRegistry registry = registries.require(ApiPaths.registry(request));
        return guard.require(request, registry, Role.READ)
                .flatMap(principal -> usage.usage(registry.id())
                        .flatMap(found -> ApiResponses.json(view(registry, principal, found))));
    }

    /** The registry's metadata, from its manifest. */
    Mono<ServerResponse> metadata(ServerRequest request) {
        ServedRegistry registry = registries.require(ApiPaths.registry(request));
        return guard.require(request, registry, Role.READ)
                .then(Mono.defer(() -> ApiResponses.json(RegistryView.metadata(registry.configured()))));
    }

    /** Any change of the registry's metadata: 409, naming where to change it. */
    Mono<ServerResponse> refuseMetadataChange(ServerRequest request) {
        ServedRegistry registry = registries.require(ApiPaths.registry(request));
        return guard.require(request, registry, Role.READ)
                .then(Mono.error(() -> new RequestRefusedException(
                        HttpStatus.CONFLICT,
                        "Registry metadata is read-only",
                        "registry metadata comes from the Registry manifest (spec.metadata of Registry '"
                                + registry.name() + "'); change it there")));
    }

    private RegistryView view(ServedRegistry registry, Principal caller, RegistryUsage found) {
        Role role = Authorizer.highestRole(registry.access().policy(), registry.name(), caller)
                .orElse(Role.READ);
        return RegistryView.of(registry, formats.isImplemented(registry.format()), role, found);
    }
}
