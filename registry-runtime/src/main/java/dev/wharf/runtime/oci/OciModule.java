package dev.wharf.runtime.oci;

import dev.wharf.api.v1alpha1.common.Format;
import dev.wharf.api.v1alpha1.registry.Role;
import dev.wharf.runtime.auth.Principal;
import dev.wharf.runtime.oci.OciPath.Endpoint;
import dev.wharf.runtime.web.AccessGuard;
import dev.wharf.runtime.web.FormatModule;
import dev.wharf.runtime.web.FormatOperation;
import dev.wharf.runtime.web.RequestRefusedException;
import dev.wharf.runtime.web.ServedRegistries;
import dev.wharf.runtime.web.ServedRegistry;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.HandlerFilterFunction;
import org.springframework.web.reactive.function.server.RequestPredicate;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The docker format: {@code /v2/} (the ping), {@code /v2/token} (Docker's token endpoint), {@code /v2/_catalog} and
 * {@code /v2/<registry>/<name>/...} (the distribution spec's endpoints, told apart by {@link OciPath}), each endpoint
 * an operation with the role it needs. Callers may present the registry tokens of Docker's token flow besides Basic
 * credentials and API tokens ({@link OciAccess}). Every error is the spec's error document; every response says
 * {@code Docker-Distribution-API-Version: registry/2.0}.
 */
final class OciModule implements FormatModule {

    private static final String PARSED = OciModule.class.getName() + ".path";
    private static final String DIGEST = "sha256:" + "a".repeat(64);
    private static final String UPLOAD = "/v2/{registry}/app/blobs/uploads/00000000-0000-0000-0000-000000000000";

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

    OciModule(
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
    public String servedAs() {
        return "docker/OCI (incl. Helm charts as OCI)";
    }

    @Override
    public String urlForm() {
        return "/v2/<registry>/<name>/... (docker, podman, skopeo, helm push oci://)";
    }

    @Override
    public List<FormatOperation> operations() {
        return List.of(
                unscoped("ping", HttpMethod.GET, "/v2/", this::ping),
                unscoped("ping", HttpMethod.HEAD, "/v2/", this::ping),
                unscoped("ping", HttpMethod.GET, "/v2", this::ping),
                FormatOperation.unscoped(
                        "token.get",
                        HttpMethod.GET,
                        "/v2/token?service=wharf",
                        RequestPredicates.path("/v2/token"),
                        "anyone: it issues a token for what the credentials it is sent allow",
                        tokenEndpoint::get),
                FormatOperation.unscoped(
                        "token.post",
                        HttpMethod.POST,
                        "/v2/token",
                        RequestPredicates.path("/v2/token"),
                        "anyone: it issues a token for what the credentials it is sent allow",
                        tokenEndpoint::post),
                FormatOperation.unscoped(
                        "catalog.all",
                        HttpMethod.GET,
                        "/v2/_catalog",
                        RequestPredicates.path("/v2/_catalog"),
                        "each docker registry lists its repositories to callers with the read role there",
                        this::catalog),
                on(
                        "manifest.get",
                        HttpMethod.GET,
                        Endpoint.MANIFEST,
                        "/manifests/latest",
                        Role.READ,
                        (request, repository, principal) -> pulls.get(request, repository)),
                on(
                        "manifest.head",
                        HttpMethod.HEAD,
                        Endpoint.MANIFEST,
                        "/manifests/latest",
                        Role.READ,
                        (request, repository, principal) -> pulls.get(request, repository)),
                on("manifest.put", HttpMethod.PUT, Endpoint.MANIFEST, "/manifests/latest", Role.WRITE, pushes::push),
                on(
                        "manifest.delete",
                        HttpMethod.DELETE,
                        Endpoint.MANIFEST,
                        "/manifests/" + DIGEST,
                        Role.DELETE,
                        (request, repository, principal) -> pulls.delete(repository, principal)),
                on(
                        "blob.get",
                        HttpMethod.GET,
                        Endpoint.BLOB,
                        "/blobs/" + DIGEST,
                        Role.READ,
                        (request, repository, principal) -> blobs.get(request, repository)),
                on(
                        "blob.head",
                        HttpMethod.HEAD,
                        Endpoint.BLOB,
                        "/blobs/" + DIGEST,
                        Role.READ,
                        (request, repository, principal) -> blobs.get(request, repository)),
                on(
                        "blob.delete",
                        HttpMethod.DELETE,
                        Endpoint.BLOB,
                        "/blobs/" + DIGEST,
                        Role.DELETE,
                        (request, repository, principal) -> blobs.delete(repository, principal)),
                on(
                        "upload.start",
                        HttpMethod.POST,
                        Endpoint.UPLOADS,
                        "/blobs/uploads/",
                        Role.WRITE,
                        (request, repository, principal) -> uploads.start(request, repository)),
                uploadOperation(
                        "upload.status",
                        HttpMethod.GET,
                        (request, repository, principal) -> uploads.status(repository)),
                uploadOperation(
                        "upload.append",
                        HttpMethod.PATCH,
                        (request, repository, principal) -> uploads.append(request, repository)),
                uploadOperation(
                        "upload.finish",
                        HttpMethod.PUT,
                        (request, repository, principal) -> uploads.finish(request, repository)),
                uploadOperation(
                        "upload.cancel",
                        HttpMethod.DELETE,
                        (request, repository, principal) -> uploads.cancel(repository)),
                on(
                        "tags.list",
                        HttpMethod.GET,
                        Endpoint.TAGS,
                        "/tags/list",
                        Role.READ,
                        (request, repository, principal) -> listings.tags(request, repository)),
                on(
                        "tags.head",
                        HttpMethod.HEAD,
                        Endpoint.TAGS,
                        "/tags/list",
                        Role.READ,
                        (request, repository, principal) -> listings.tags(request, repository)),
                on(
                        "referrers.list",
                        HttpMethod.GET,
                        Endpoint.REFERRERS,
                        "/referrers/" + DIGEST,
                        Role.READ,
                        (request, repository, principal) -> referrers.list(request, repository)),
                on(
                        "referrers.head",
                        HttpMethod.HEAD,
                        Endpoint.REFERRERS,
                        "/referrers/" + DIGEST,
                        Role.READ,
                        (request, repository, principal) -> referrers.list(request, repository)),
                FormatOperation.onRegistry(
                        "catalog.registry",
                        HttpMethod.GET,
                        "/v2/{registry}/_catalog",
                        endpoint(Endpoint.CATALOG),
                        Role.READ,
                        OciModule::registry,
                        (request, registry, principal) ->
                                listings.catalog(request, new OciRepository(registry, path(request)))));
    }

    @Override
    public RouterFunction<ServerResponse> unmatched() {
        return RouterFunctions.route()
                .route(
                        RequestPredicates.path("/v2/{registry}/**"),
                        request -> Mono.defer(() -> {
                            // Parsing names what is wrong with the URL; a URL that parses was sent with a method the
                            // endpoint does not have.
                            OciPath path = OciPath.parse(request.requestPath().pathWithinApplication());
                            registries.require(path.registry(), Format.DOCKER);
                            return unsupported(request.method(), path);
                        }))
                .route(
                        RequestPredicates.path("/v2/**").or(RequestPredicates.path("/v2")),
                        request -> Mono.error(new OciException(
                                OciError.UNSUPPORTED,
                                request.method() + " " + OciNames.printable(request.path())
                                        + " is not an operation of the registry API")))
                .build();
    }

    @Override
    public Mono<Principal> authorize(AccessGuard guard, ServerRequest request, ServedRegistry registry, Role role) {
        return access.require(request, registry, role);
    }

    @Override
    public RuntimeException pushesRefused(ServedRegistry registry) {
        return new OciException(
                OciError.DENIED, "registry '" + registry.name() + "' does not accept pushes (spec.allowPush is false)");
    }

    @Override
    public Mono<ServerResponse> respond(ServerRequest request, Throwable error) {
        return OciErrors.respond(request, error, OciChallenge.of(request));
    }

    @Override
    public HandlerFilterFunction<ServerResponse, ServerResponse> filter() {
        return (request, next) -> {
            request.exchange().getResponse().getHeaders().set(OciHeaders.API_VERSION, "registry/2.0");
            return next.handle(request);
        };
    }

    /** A handler of one repository's endpoint, called once the caller is authorized. */
    @FunctionalInterface
    private interface RepositoryHandler {

        Mono<ServerResponse> handle(ServerRequest request, OciRepository repository, Principal principal);
    }

    private static FormatOperation on(
            String name, HttpMethod method, Endpoint endpoint, String example, Role role, RepositoryHandler handler) {
        return FormatOperation.onRegistry(
                name,
                method,
                "/v2/{registry}/app" + example,
                endpoint(endpoint),
                role,
                OciModule::registry,
                (request, registry, principal) ->
                        handler.handle(request, new OciRepository(registry, path(request)), principal));
    }

    private static FormatOperation uploadOperation(String name, HttpMethod method, RepositoryHandler handler) {
        return on(name, method, Endpoint.UPLOAD, UPLOAD.substring("/v2/{registry}/app".length()), Role.WRITE, handler);
    }

    private static FormatOperation unscoped(
            String name,
            HttpMethod method,
            String path,
            org.springframework.web.reactive.function.server.HandlerFunction<ServerResponse> handler) {
        return FormatOperation.unscoped(
                name,
                method,
                path,
                RequestPredicates.path(path),
                "anyone: it answers 200 to authenticated callers and the challenge to the others",
                handler);
    }

    /** The requests for one endpoint of a repository. */
    private static RequestPredicate endpoint(Endpoint endpoint) {
        return new EndpointPredicate(endpoint);
    }

    /**
     * Matches the URLs of one endpoint, which a path pattern cannot (a repository name has any number of segments);
     * shown to route visitors as the distribution spec writes the endpoint.
     */
    private record EndpointPredicate(Endpoint endpoint) implements RequestPredicate {

        @Override
        public boolean test(ServerRequest request) {
            return parsed(request).filter(path -> path.endpoint() == endpoint).isPresent();
        }

        @Override
        public void accept(RequestPredicates.Visitor visitor) {
            visitor.path(
                    switch (endpoint) {
                        case MANIFEST -> "/v2/{registry}/{name}/manifests/{reference}";
                        case BLOB -> "/v2/{registry}/{name}/blobs/{digest}";
                        case UPLOADS -> "/v2/{registry}/{name}/blobs/uploads/";
                        case UPLOAD -> "/v2/{registry}/{name}/blobs/uploads/{id}";
                        case TAGS -> "/v2/{registry}/{name}/tags/list";
                        case REFERRERS -> "/v2/{registry}/{name}/referrers/{digest}";
                        case CATALOG -> "/v2/{registry}/_catalog";
                    });
        }

        @Override
        public String toString() {
            return "the " + endpoint.name().toLowerCase(Locale.ROOT) + " endpoint of the registry API";
        }
    }

    private static String registry(ServerRequest request) {
        return path(request).registry();
    }

    private static OciPath path(ServerRequest request) {
        return parsed(request).orElseThrow();
    }

    /** The request's path, parsed once; empty when it is no endpoint of a repository. */
    private static Optional<OciPath> parsed(ServerRequest request) {
        Object cached = request.attributes().get(PARSED);
        if (cached instanceof ParsedPath parsedPath) {
            return parsedPath.path();
        }
        Optional<OciPath> path;
        String value = request.path();
        if (!value.startsWith("/v2/") || value.equals("/v2/_catalog") || value.equals("/v2/token")) {
            path = Optional.empty();
        } else {
            try {
                path = Optional.of(OciPath.parse(request.requestPath().pathWithinApplication()));
            } catch (RuntimeException e) {
                path = Optional.empty();
            }
        }
        request.attributes().put(PARSED, new ParsedPath(path));
        return path;
    }

    private record ParsedPath(Optional<OciPath> path) {}

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
