package dev.wharf.runtime.oci;

import dev.wharf.api.v1alpha1.common.Format;
import dev.wharf.api.v1alpha1.registry.Role;
import dev.wharf.runtime.auth.Principal;
import dev.wharf.runtime.web.AccessGuard;
import dev.wharf.runtime.web.FormatRoutes;
import dev.wharf.runtime.web.RequestRefusedException;
import dev.wharf.runtime.web.ServedRegistries;
import dev.wharf.runtime.web.ServedRegistry;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The routes of the docker format: {@code /v2/} (the ping), {@code /v2/token} (Docker's token endpoint) and
 * {@code /v2/<registry>/<name>/...} (the distribution spec's endpoints, dispatched by {@link OciPath}), each behind
 * the registry's access check. Every error is the spec's error document; every response says
 * {@code Docker-Distribution-API-Version: registry/2.0}.
 */
final class OciRoutes implements FormatRoutes {

    private final ServedRegistries registries;
    private final OciAccess access;
    private final AccessGuard guard;
    private final RegistryTokens tokens;
    private final TokenEndpoint tokenEndpoint;
    private final BlobDownloads blobs;
    private final BlobUploads uploads;
    private final ManifestPulls pulls;
    private final ManifestPushes pushes;
    private final Listings listings;
    private final Referrers referrers;

    OciRoutes(
            ServedRegistries registries,
            OciAccess access,
            AccessGuard guard,
            RegistryTokens tokens,
            TokenEndpoint tokenEndpoint,
            BlobDownloads blobs,
            BlobUploads uploads,
            ManifestPulls pulls,
            ManifestPushes pushes,
            Listings listings,
            Referrers referrers) {
        this.registries = registries;
        this.access = access;
        this.guard = guard;
        this.tokens = tokens;
        this.tokenEndpoint = tokenEndpoint;
        this.blobs = blobs;
        this.uploads = uploads;
        this.pulls = pulls;
        this.pushes = pushes;
        this.listings = listings;
        this.referrers = referrers;
    }

    @Override
    public Format format() {
        return Format.DOCKER;
    }

    @Override
    public RouterFunction<ServerResponse> routes() {
        return RouterFunctions.route()
                .GET("/v2/", request -> Mono.defer(() -> ping(request)))
                .HEAD("/v2/", request -> Mono.defer(() -> ping(request)))
                .GET("/v2", request -> Mono.defer(() -> ping(request)))
                .GET("/v2/token", request -> Mono.defer(() -> tokenEndpoint.get(request)))
                .POST("/v2/token", request -> Mono.defer(() -> tokenEndpoint.post(request)))
                .GET("/v2/_catalog", request -> Mono.defer(() -> catalog(request)))
                .route(RequestPredicates.path("/v2/{registry}/**"), request -> Mono.defer(() -> dispatch(request)))
                .route(
                        RequestPredicates.path("/v2/**").or(RequestPredicates.path("/v2")),
                        request -> Mono.error(new OciException(
                                OciError.UNSUPPORTED,
                                request.method() + " " + OciNames.printable(request.path())
                                        + " is not an operation of the registry API")))
                .filter((request, next) -> {
                    request.exchange().getResponse().getHeaders().set(OciHeaders.API_VERSION, "registry/2.0");
                    return next.handle(request)
                            .onErrorResume(error -> OciErrors.respond(request, error, OciChallenge.of(request)));
                })
                .build();
    }

    private Mono<ServerResponse> dispatch(ServerRequest request) {
        OciPath path = OciPath.parse(request.requestPath().pathWithinApplication());
        ServedRegistry registry = registries.require(path.registry(), Format.DOCKER);
        OciRepository repository = new OciRepository(registry, path);
        HttpMethod method = request.method();
        boolean read = HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method);
        return switch (path.endpoint()) {
            case MANIFEST -> {
                if (read) {
                    yield then(request, registry, Role.READ, principal -> pulls.get(request, repository));
                }
                if (HttpMethod.PUT.equals(method)) {
                    yield push(request, registry, principal -> pushes.push(request, repository, principal));
                }
                if (HttpMethod.DELETE.equals(method)) {
                    yield then(request, registry, Role.DELETE, principal -> pulls.delete(repository, principal));
                }
                yield unsupported(method, path);
            }
            case BLOB -> {
                if (read) {
                    yield then(request, registry, Role.READ, principal -> blobs.get(request, repository));
                }
                if (HttpMethod.DELETE.equals(method)) {
                    yield then(request, registry, Role.DELETE, principal -> blobs.delete(repository, principal));
                }
                yield unsupported(method, path);
            }
            case UPLOADS ->
                HttpMethod.POST.equals(method)
                        ? push(request, registry, principal -> uploads.start(request, repository))
                        : unsupported(method, path);
            case UPLOAD -> {
                if (HttpMethod.GET.equals(method)) {
                    yield push(request, registry, principal -> uploads.status(repository));
                }
                if (HttpMethod.PATCH.equals(method)) {
                    yield push(request, registry, principal -> uploads.append(request, repository));
                }
                if (HttpMethod.PUT.equals(method)) {
                    yield push(request, registry, principal -> uploads.finish(request, repository));
                }
                if (HttpMethod.DELETE.equals(method)) {
                    yield push(request, registry, principal -> uploads.cancel(repository));
                }
                yield unsupported(method, path);
            }
            case TAGS ->
                read
                        ? then(request, registry, Role.READ, principal -> listings.tags(request, repository))
                        : unsupported(method, path);
            case REFERRERS ->
                read
                        ? then(request, registry, Role.READ, principal -> referrers.list(request, repository))
                        : unsupported(method, path);
            case CATALOG ->
                read
                        ? then(request, registry, Role.READ, principal -> listings.catalog(request, repository))
                        : unsupported(method, path);
        };
    }

    private Mono<ServerResponse> then(
            ServerRequest request,
            ServedRegistry registry,
            Role role,
            Function<Principal, Mono<ServerResponse>> handler) {
        return access.require(request, registry, role).flatMap(handler);
    }

    /** A write: the write role, and a registry that accepts pushes. */
    private Mono<ServerResponse> push(
            ServerRequest request, ServedRegistry registry, Function<Principal, Mono<ServerResponse>> handler) {
        return access.require(request, registry, Role.WRITE).flatMap(principal -> {
            if (!registry.allowPush()) {
                return Mono.error(new OciException(
                        OciError.DENIED,
                        "registry '" + registry.name() + "' does not accept pushes (spec.allowPush is false)"));
            }
            return handler.apply(principal);
        });
    }

    /**
     * {@code /v2/_catalog}: the repositories of the docker registries the caller may read; a 401 when it may read none
     * and sent no credentials, or bad ones.
     */
    private Mono<ServerResponse> catalog(ServerRequest request) {
        List<ServedRegistry> docker = docker();
        return Flux.fromIterable(docker)
                .concatMap(registry -> access.require(request, registry, Role.READ)
                        .thenReturn(registry)
                        .onErrorResume(RequestRefusedException.class, e -> Mono.empty())
                        .onErrorResume(OciException.class, e -> Mono.empty()))
                .collectList()
                .flatMap(readable -> readable.isEmpty()
                        ? ping(request).then(listings.catalogOfAll(request, Flux.empty()))
                        : listings.catalogOfAll(request, Flux.fromIterable(readable)));
    }

    private List<ServedRegistry> docker() {
        return registries.serving().stream()
                .filter(registry -> registry.format() == Format.DOCKER)
                .toList();
    }

    /**
     * {@code /v2/}: 200 for an authenticated caller. An anonymous caller always gets the challenge, even where every registry allows anonymous reads:
     * docker, skopeo and podman only authenticate when the ping asks them to, and would otherwise push without
     * credentials and fail. Anonymous pulls then take an anonymous token from the realm, as on Docker Hub.
     */
    private Mono<ServerResponse> ping(ServerRequest request) {
        Mono<?> allowed;
        if (tokens.principal(request, "").isPresent()) {
            allowed = Mono.just(true);
        } else if (request.headers().firstHeader(HttpHeaders.AUTHORIZATION) != null) {
            allowed = guard.requireAuthenticated(request, docker());
        } else {
            allowed = Mono.error(new OciException(
                    OciError.UNAUTHORIZED,
                    "authenticate to use this registry: docker login, or a token from the realm of the challenge"));
        }
        return allowed.then(
                ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of()));
    }

    private static Mono<ServerResponse> unsupported(HttpMethod method, OciPath path) {
        return Mono.error(new OciException(
                OciError.UNSUPPORTED,
                method + " is not an operation of " + path.endpoint().name().toLowerCase(Locale.ROOT)
                        + " URLs of the registry API"));
    }
}
