package dev.wharf.runtime.api;

import dev.wharf.runtime.setup.SetupApi;
import dev.wharf.runtime.web.Problems;
import dev.wharf.runtime.web.RequestRefusedException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.NotAcceptableStatusException;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Mono;

/**
 * The routes of the management API under {@code /api/v1}, each listed in the OpenAPI document. Every error is an RFC
 * 9457 problem: a path the API does not have is 404, a method it does not take on a path 405 with {@code Allow}.
 */
final class ApiRoutes {

    private final OpenApiDocument openApi;
    private final RegistryApi registries;
    private final PackageApi packages;
    private final VersionApi versions;
    private final MetadataApi metadata;
    private final ArchiveDownloads archives;
    private final VersionCopier copier;
    private final TokenApi tokens;
    private final StatusApi status;
    private final GcApi gc;
    private final CleanupApi cleanup;
    private final SetupApi setup;

    ApiRoutes(
            OpenApiDocument openApi,
            RegistryApi registries,
            PackageApi packages,
            VersionApi versions,
            MetadataApi metadata,
            ArchiveDownloads archives,
            VersionCopier copier,
            TokenApi tokens,
            StatusApi status,
            GcApi gc,
            CleanupApi cleanup,
            SetupApi setup) {
        this.openApi = openApi;
        this.registries = registries;
        this.packages = packages;
        this.versions = versions;
        this.metadata = metadata;
        this.archives = archives;
        this.copier = copier;
        this.tokens = tokens;
        this.status = status;
        this.gc = gc;
        this.cleanup = cleanup;
        this.setup = setup;
    }

    /** The router. */
    RouterFunction<ServerResponse> routes() {
        Routes routes = new Routes();
        routes.add(HttpMethod.GET, ApiPaths.OPENAPI, openApi::serve);
        routes.add(HttpMethod.GET, ApiPaths.STATUS, status::get);
        routes.add(HttpMethod.POST, ApiPaths.GC, gc::collect);
        routes.add(HttpMethod.GET, ApiPaths.CLEANUP_POLICIES, cleanup::list);
        routes.add(HttpMethod.GET, ApiPaths.CLEANUP_POLICY, cleanup::get);
        routes.add(HttpMethod.POST, ApiPaths.CLEANUP_PLAN, cleanup::plan);
        routes.add(HttpMethod.GET, ApiPaths.CLEANUP_CANDIDATES, request -> cleanup.items(request, false));
        routes.add(HttpMethod.GET, ApiPaths.CLEANUP_KEPT, request -> cleanup.items(request, true));
        routes.add(HttpMethod.POST, ApiPaths.CLEANUP_RUN, cleanup::run);
        routes.add(HttpMethod.GET, ApiPaths.TOKENS, tokens::list);
        routes.add(HttpMethod.POST, ApiPaths.TOKENS, tokens::create);
        routes.add(HttpMethod.DELETE, ApiPaths.TOKEN, tokens::revoke);

        routes.add(HttpMethod.GET, ApiPaths.REGISTRIES, registries::list);
        routes.add(HttpMethod.GET, ApiPaths.REGISTRY, registries::get);
        routes.add(HttpMethod.GET, ApiPaths.REGISTRY_METADATA, registries::metadata);
        routes.add(HttpMethod.PUT, ApiPaths.REGISTRY_METADATA, registries::refuseMetadataChange);
        routes.add(HttpMethod.PATCH, ApiPaths.REGISTRY_METADATA, registries::refuseMetadataChange);
        routes.add(HttpMethod.DELETE, ApiPaths.REGISTRY_METADATA_KEY, registries::refuseMetadataChange);
        routes.add(HttpMethod.GET, ApiPaths.REGISTRY_SETUP, setup::setup);

        routes.add(HttpMethod.GET, ApiPaths.PACKAGES, packages::list);
        routes.add(HttpMethod.GET, ApiPaths.PACKAGE, packages::get);
        routes.add(HttpMethod.DELETE, ApiPaths.PACKAGE, packages::delete);
        routes.add(HttpMethod.GET, ApiPaths.PACKAGE_DOWNLOAD, archives::pkg);
        routes.add(HttpMethod.GET, ApiPaths.VERSIONS, packages::versions);
        routes.add(HttpMethod.GET, ApiPaths.PACKAGE_TAGS, packages::tags);
        metadataRoutes(routes, ApiPaths.PACKAGE_METADATA, ApiPaths.PACKAGE_METADATA_KEY);

        routes.add(HttpMethod.GET, ApiPaths.VERSION, versions::get);
        routes.add(HttpMethod.DELETE, ApiPaths.VERSION, versions::delete);
        routes.add(HttpMethod.GET, ApiPaths.VERSION_FILES, versions::files);
        routes.add(HttpMethod.GET, ApiPaths.VERSION_FILE, versions::download);
        routes.add(HttpMethod.HEAD, ApiPaths.VERSION_FILE, versions::download);
        routes.add(HttpMethod.GET, ApiPaths.VERSION_DOWNLOAD, archives::version);
        routes.add(HttpMethod.POST, ApiPaths.VERSION_COPY, copier::copy);
        metadataRoutes(routes, ApiPaths.VERSION_METADATA, ApiPaths.VERSION_METADATA_KEY);
        return routes.build();
    }

    private void metadataRoutes(Routes routes, String entries, String entry) {
        routes.add(HttpMethod.GET, entries, metadata::list);
        routes.add(HttpMethod.PUT, entries, metadata::set);
        routes.add(HttpMethod.PATCH, entries, metadata::set);
        routes.add(HttpMethod.GET, entry, metadata::get);
        routes.add(HttpMethod.DELETE, entry, metadata::delete);
    }

    /** The routes added so far, and the methods each path takes, for the 405 answer. */
    private static final class Routes {

        private final RouterFunctions.Builder builder = RouterFunctions.route();
        private final Map<String, Set<HttpMethod>> methods = new LinkedHashMap<>();

        void add(HttpMethod method, String pattern, HandlerFunction<ServerResponse> handler) {
            // Deferred, so that a check failing before the first operator still becomes a problem document.
            builder.route(
                    RequestPredicates.method(method).and(RequestPredicates.path(pattern)),
                    request -> Mono.defer(() -> handler.handle(request)));
            methods.computeIfAbsent(pattern, key -> new LinkedHashSet<>()).add(method);
        }

        RouterFunction<ServerResponse> build() {
            List<Map.Entry<PathPattern, Set<HttpMethod>>> patterns = methods.entrySet().stream()
                    .map(entry -> Map.entry(PathPatternParser.defaultInstance.parse(entry.getKey()), entry.getValue()))
                    .toList();
            return builder.route(RequestPredicates.path(ApiPaths.BASE + "/**"), request -> unmatched(request, patterns))
                    .onError(Throwable.class, (error, request) -> Problems.respond(request, error))
                    .filter((request, next) -> next.handle(request).flatMap(response -> acceptable(request, response)))
                    .build();
        }

        /**
         * A read answered in a type the caller's {@code Accept} does not allow becomes 406 naming the type; a write
         * is answered anyway, as RFC 9110 allows, since it has already happened.
         */
        private static Mono<ServerResponse> acceptable(ServerRequest request, ServerResponse response) {
            MediaType type = response.headers().getContentType();
            boolean read = HttpMethod.GET.equals(request.method()) || HttpMethod.HEAD.equals(request.method());
            if (!read || type == null || !response.statusCode().is2xxSuccessful()) {
                return Mono.just(response);
            }
            List<MediaType> accepted;
            try {
                accepted = request.headers().accept();
            } catch (InvalidMediaTypeException e) {
                return Mono.error(RequestRefusedException.badRequest("the Accept header '"
                        + Echo.printable(String.valueOf(request.headers().firstHeader(HttpHeaders.ACCEPT)))
                        + "' is not a list of media types: " + Echo.printable(String.valueOf(e.getMessage()))));
            }
            if (accepted.isEmpty() || accepted.stream().anyMatch(accept -> accept.isCompatibleWith(type))) {
                return Mono.just(response);
            }
            return Mono.error(new NotAcceptableStatusException(List.of(type)));
        }

        private static Mono<ServerResponse> unmatched(
                ServerRequest request, List<Map.Entry<PathPattern, Set<HttpMethod>>> patterns) {
            Set<HttpMethod> allowed = patterns.stream()
                    .filter(entry ->
                            entry.getKey().matches(request.requestPath().pathWithinApplication()))
                    .flatMap(entry -> entry.getValue().stream())
                    .collect(Collectors.toCollection(LinkedHashSet::new));
            String path = Echo.printable(request.path());
            if (allowed.isEmpty()) {
                return problem(
                        request,
                        Problems.problem(
                                HttpStatus.NOT_FOUND,
                                "Not found",
                                "the management API has no path " + path + "; GET " + ApiPaths.OPENAPI
                                        + " describes the paths it has"),
                        Set.of());
            }
            String names = allowed.stream().map(HttpMethod::name).sorted().collect(Collectors.joining(", "));
            return problem(
                    request,
                    Problems.problem(
                            HttpStatus.METHOD_NOT_ALLOWED,
                            "Method not allowed",
                            path + " takes " + names + ", not "
                                    + request.method().name()),
                    allowed);
        }

        private static Mono<ServerResponse> problem(
                ServerRequest request, ProblemDetail problem, Set<HttpMethod> allow) {
            problem.setInstance(URI.create(request.path()));
            ServerResponse.BodyBuilder response =
                    ServerResponse.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON);
            if (!allow.isEmpty()) {
                response.allow(allow);
            }
            return response.bodyValue(problem);
        }
    }
}
