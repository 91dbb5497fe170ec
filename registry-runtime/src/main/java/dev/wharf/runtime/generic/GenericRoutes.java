package dev.wharf.runtime.generic;

import dev.wharf.api.v1alpha1.common.Format;
import dev.wharf.api.v1alpha1.registry.Role;
import dev.wharf.runtime.metadata.Files;
import dev.wharf.runtime.metadata.Versions;
import dev.wharf.runtime.web.AccessGuard;
import dev.wharf.runtime.web.ArtifactLookup;
import dev.wharf.runtime.web.FileResponses;
import dev.wharf.runtime.web.FormatRoutes;
import dev.wharf.runtime.web.Problems;
import dev.wharf.runtime.web.RequestRefusedException;
import dev.wharf.runtime.web.ServedRegistries;
import dev.wharf.runtime.web.ServedRegistry;
import java.util.Set;
import org.springframework.http.HttpMethod;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.MethodNotAllowedException;
import reactor.core.publisher.Mono;

/**
 * The routes of the generic format under {@code /generic/<registry>/<package>/<version>/<file path>}: PUT uploads
 * ({@link GenericUpload}), GET and HEAD download (with {@code latest} as a version), DELETE removes a file, or the
 * whole version when the URL ends at the version. Errors are RFC 9457 problems.
 */
final class GenericRoutes implements FormatRoutes {

    private static final String PATTERN = "/generic/{registry}/{package}/{version}/{*path}";
    private static final Set<HttpMethod> METHODS =
            Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.PUT, HttpMethod.DELETE);

    private final ServedRegistries registries;
    private final AccessGuard guard;
    private final ArtifactLookup lookup;
    private final FileResponses responses;
    private final GenericUpload upload;
    private final Versions versions;
    private final Files files;

    GenericRoutes(
            ServedRegistries registries,
            AccessGuard guard,
            ArtifactLookup lookup,
            FileResponses responses,
            GenericUpload upload,
            Versions versions,
            Files files) {
        this.registries = registries;
        this.guard = guard;
        this.lookup = lookup;
        this.responses = responses;
        this.upload = upload;
        this.versions = versions;
        this.files = files;
    }

    @Override
    public Format format() {
        return Format.GENERIC;
    }

    @Override
    public RouterFunction<ServerResponse> routes() {
        return RouterFunctions.route()
                .PUT(PATTERN, request -> Mono.defer(() -> upload.handle(request)))
                .GET(PATTERN, request -> Mono.defer(() -> download(request)))
                .HEAD(PATTERN, request -> Mono.defer(() -> download(request)))
                .DELETE(PATTERN, request -> Mono.defer(() -> delete(request)))
                // The pattern cannot match an empty segment (.../pkg//a.txt): such URLs get a 400 saying what is
                // wrong rather than a bare 404; other methods a 405 naming the ones the format takes.
                .route(
                        RequestPredicates.path("/" + GenericPath.PREFIX + "/**"),
                        request -> Mono.defer(() -> malformed(request)))
                .onError(Throwable.class, (error, request) -> Problems.respond(request, error))
                .build();
    }

    private static Mono<ServerResponse> malformed(ServerRequest request) {
        if (!METHODS.contains(request.method())) {
            return Mono.error(new MethodNotAllowedException(request.method(), METHODS));
        }
        GenericPath.of(request);
        return Mono.error(RequestRefusedException.badRequest(GenericPath.FORM));
    }

    private Mono<ServerResponse> download(ServerRequest request) {
        GenericPath path = GenericPath.of(request).requireFile();
        ServedRegistry registry = registries.require(path.registry(), Format.GENERIC);
        return guard.require(request, registry, Role.READ)
                .then(lookup.findFile(registry, path.packageName(), path.version(), path.filePath()))
                .flatMap(file -> responses.serve(request, registry, file));
    }

    private Mono<ServerResponse> delete(ServerRequest request) {
        GenericPath path = GenericPath.of(request);
        ServedRegistry registry = registries.require(path.registry(), Format.GENERIC);
        return guard.require(request, registry, Role.DELETE)
                .flatMap(principal -> lookup.findPackage(registry, path.packageName())
                        .flatMap(pkg -> lookup.findExactVersion(registry, pkg, path.version())
                                .flatMap(version -> path.filePath().isEmpty()
                                        ? versions.delete(pkg.id(), version.version(), principal.toString())
                                        : lookup.findFile(registry, pkg.name(), version, path.filePath())
                                                .flatMap(file ->
                                                        files.delete(version.id(), file.path(), principal.toString()))))
                        .then(ServerResponse.noContent().build()));
    }
}
