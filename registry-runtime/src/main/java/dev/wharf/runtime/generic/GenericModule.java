package dev.wharf.runtime.generic;

import dev.wharf.api.v1alpha1.common.Format;
import dev.wharf.api.v1alpha1.registry.Role;
import dev.wharf.runtime.auth.Principal;
import dev.wharf.runtime.metadata.Files;
import dev.wharf.runtime.metadata.VersionedFile;
import dev.wharf.runtime.metadata.Versions;
import dev.wharf.runtime.proxy.UpstreamFailureException;
import dev.wharf.runtime.read.FileResponses;
import dev.wharf.runtime.read.Read;
import dev.wharf.runtime.read.ReadOrigin;
import dev.wharf.runtime.read.ReadPipeline;
import dev.wharf.runtime.read.ReadSubject;
import dev.wharf.runtime.read.Sourced;
import dev.wharf.runtime.web.ArtifactLookup;
import dev.wharf.runtime.web.FormatModule;
import dev.wharf.runtime.web.FormatOperation;
import dev.wharf.runtime.web.RequestRefusedException;
import dev.wharf.runtime.web.ServedRegistry;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
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
 * The generic format under {@code /generic/<registry>/<package>/<version>/<file path>}: PUT uploads
 * ({@link GenericUpload}), GET and HEAD download (with {@code latest} as a version), DELETE removes a file, or the
 * whole version when the URL ends at the version. A registry with upstream proxies serves what it does not store from
 * the same path under each upstream's URL ({@link GenericUpstreams}). Errors are RFC 9457 problems.
 */
final class GenericModule implements FormatModule {

    private static final String PATTERN = "/generic/{registry}/{package}/{version}/{*path}";
    private static final String EXAMPLE = "/generic/{registry}/tools/1.0/bin/tool.tar.gz";
    private static final Set<HttpMethod> METHODS =
            Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.PUT, HttpMethod.DELETE);

    private final ArtifactLookup lookup;
    private final FileResponses responses;
    private final GenericUpload upload;
    private final Versions versions;
    private final Files files;
    private final ReadPipeline reads;
    private final GenericUpstreams upstreams;

    GenericModule(
            ArtifactLookup lookup,
            FileResponses responses,
            GenericUpload upload,
            Versions versions,
            Files files,
            ReadPipeline reads,
            GenericUpstreams upstreams) {
        this.lookup = lookup;
        this.reads = reads;
        this.upstreams = upstreams;
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
    public String urlForm() {
        return "/generic/<registry>/<package>/<version>/<file> (curl)";
    }

    @Override
    public List<FormatOperation> operations() {
        return List.of(
                operation("file.upload", HttpMethod.PUT, Role.WRITE, GenericModule::fileRegistry, upload::handle),
                operation("file.download", HttpMethod.GET, Role.READ, GenericModule::fileRegistry, this::download),
                operation("file.head", HttpMethod.HEAD, Role.READ, GenericModule::fileRegistry, this::download),
                // A URL that ends at the version deletes the whole version.
                operation("file.delete", HttpMethod.DELETE, Role.DELETE, GenericModule::registry, this::delete));
    }

    @Override
    public RouterFunction<ServerResponse> unmatched() {
        // The pattern cannot match an empty segment (.../pkg//a.txt): such URLs get a 400 saying what is wrong rather
        // than a bare 404; other methods a 405 naming the ones the format takes.
        return RouterFunctions.route(
                RequestPredicates.path("/" + GenericPath.PREFIX + "/**"),
                request -> Mono.defer(() -> malformed(request)));
    }

    private static FormatOperation operation(
            String name,
            HttpMethod method,
            Role role,
            Function<ServerRequest, String> registry,
            FormatOperation.RegistryHandler handler) {
        return FormatOperation.onRegistry(
                name, method, EXAMPLE, RequestPredicates.path(PATTERN), role, registry, handler);
    }

    /** The registry a version's or a file's URL names; a 400 saying what is wrong with a malformed URL, before any check. */
    private static String registry(ServerRequest request) {
        return GenericPath.of(request).registry();
    }

    /** The registry a file's URL names; a 400 for a URL that names no file, before any check. */
    private static String fileRegistry(ServerRequest request) {
        return GenericPath.of(request).requireFile().registry();
    }

    private static Mono<ServerResponse> malformed(ServerRequest request) {
        if (!METHODS.contains(request.method())) {
            return Mono.error(new MethodNotAllowedException(request.method(), METHODS));
        }
        GenericPath.of(request);
        return Mono.error(RequestRefusedException.badRequest(GenericPath.FORM));
    }

    /**
     * A stored file; in a registry with upstream proxies, else the same path from the first of them that has it, kept
     * as a file of the version from then on. {@code latest} resolves among the versions stored here only.
     */
    private Mono<ServerResponse> download(ServerRequest request, ServedRegistry registry, Principal principal) {
        GenericPath path = GenericPath.of(request).requireFile();
        Read<VersionedFile> read = Read.of(
                        ReadSubject.ofVersion(path.packageName(), path.version()),
                        lookup.findStoredFile(registry, path.packageName(), path.version(), path.filePath()),
                        found -> ReadOrigin.of(registry, found.version()))
                .orUpstream(kept ->
                        path.version().equals(ArtifactLookup.LATEST) ? Mono.empty() : upstreams.fetch(registry, path));
        return reads.read(registry, read)
                .flatMap(found -> responses.serve(
                        request, registry, new Sourced<>(found.content().file(), found.origin())))
                .switchIfEmpty(
                        Mono.defer(() -> lookup.findFile(registry, path.packageName(), path.version(), path.filePath())
                                .flatMap(file -> responses.serve(request, registry, file))))
                .onErrorMap(UpstreamFailureException.class, GenericModule::unavailable);
    }

    private static RequestRefusedException unavailable(UpstreamFailureException failure) {
        return new RequestRefusedException(
                HttpStatus.BAD_GATEWAY,
                "No upstream could answer",
                "the file is not stored here and no upstream proxy could serve it: " + failure.getMessage());
    }

    private Mono<ServerResponse> delete(ServerRequest request, ServedRegistry registry, Principal principal) {
        GenericPath path = GenericPath.of(request);
        return lookup.findPackage(registry, path.packageName())
                .flatMap(pkg -> lookup.findExactVersion(registry, pkg, path.version())
                        .flatMap(version -> path.filePath().isEmpty()
                                ? versions.delete(pkg.id(), version.version(), principal.toString())
                                : lookup.findFile(registry, pkg.name(), version, path.filePath())
                                        .flatMap(
                                                file -> files.delete(version.id(), file.path(), principal.toString()))))
                .then(ServerResponse.noContent().build());
    }
}
