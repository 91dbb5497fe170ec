package dev.wharf.runtime.maven;

import dev.wharf.api.v1alpha1.common.Format;
import dev.wharf.api.v1alpha1.registry.Role;
import dev.wharf.runtime.metadata.FileConflictException;
import dev.wharf.runtime.web.FormatModule;
import dev.wharf.runtime.web.FormatOperation;
import dev.wharf.runtime.web.Problems;
import dev.wharf.runtime.web.RequestRefusedException;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.MethodNotAllowedException;
import reactor.core.publisher.Mono;

/**
 * The Maven format under {@code /maven/<registry>/<path>}, the Maven 2 repository layout: PUT deploys ({@link
 * MavenDeploy}), GET and HEAD resolve ({@link MavenDownload}). Errors are RFC 9457 problems with the status Maven
 * reports (Maven has no error document of its own), a redeployed release a 409 naming the file and the setting.
 */
final class MavenModule implements FormatModule {

    private static final String PATTERN = "/maven/{registry}/{*path}";
    private static final String EXAMPLE = "/maven/{registry}/org/example/app/1.0/app-1.0.jar";
    private static final Set<HttpMethod> METHODS = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.PUT);

    private final MavenDeploy deploy;
    private final MavenDownload download;

    MavenModule(MavenDeploy deploy, MavenDownload download) {
        this.deploy = deploy;
        this.download = download;
    }

    @Override
    public Format format() {
        return Format.MAVEN;
    }

    @Override
    public String urlForm() {
        return "/maven/<registry>/<groupId as path>/<artifactId>/<version>/<file> (mvn, Gradle)";
    }

    @Override
    public List<FormatOperation> operations() {
        return List.of(
                operation("file.deploy", HttpMethod.PUT, Role.WRITE, deploy::handle),
                operation("file.download", HttpMethod.GET, Role.READ, download::handle),
                operation("file.head", HttpMethod.HEAD, Role.READ, download::handle));
    }

    private static FormatOperation operation(
            String name, HttpMethod method, Role role, FormatOperation.RegistryHandler handler) {
        return FormatOperation.onRegistry(
                name,
                method,
                EXAMPLE,
                RequestPredicates.path(PATTERN),
                role,
                request -> MavenPath.of(request).registry(),
                handler);
    }

    @Override
    public RouterFunction<ServerResponse> unmatched() {
        return RouterFunctions.route(
                RequestPredicates.path("/" + MavenPath.PREFIX + "/**"),
                request -> Mono.defer(() -> malformed(request)));
    }

    private static Mono<ServerResponse> malformed(ServerRequest request) {
        if (!METHODS.contains(request.method())) {
            return Mono.error(new MethodNotAllowedException(request.method(), METHODS));
        }
        MavenPath.of(request);
        return Mono.error(RequestRefusedException.badRequest(MavenPath.FORM));
    }

    @Override
    public Mono<ServerResponse> respond(ServerRequest request, Throwable error) {
        if (error instanceof FileConflictException conflict) {
            MavenPath path = MavenPath.of(request);
            MavenPath.ArtifactFile file = path.file();
            return Problems.respond(
                    request,
                    new RequestRefusedException(
                            HttpStatus.CONFLICT,
                            "Release is immutable",
                            file.name() + " of " + file.coordinates().packageName() + " " + file.version()
                                    + " is already deployed with other content (" + conflict.existing()
                                    + "); releases are immutable in registry '" + path.registry()
                                    + "': deploy a new version, or set spec.allowOverwrite: true on the Registry"));
        }
        return Problems.respond(request, error);
    }
}
