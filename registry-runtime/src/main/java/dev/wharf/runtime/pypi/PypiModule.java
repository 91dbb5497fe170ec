package dev.wharf.runtime.pypi;

import dev.wharf.api.v1alpha1.common.Format;
import dev.wharf.api.v1alpha1.registry.Role;
import dev.wharf.runtime.auth.Principal;
import dev.wharf.runtime.metadata.VersionedFile;
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
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.server.RequestPredicate;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.MethodNotAllowedException;
import org.springframework.web.util.UriUtils;
import reactor.core.publisher.Mono;

/**
 * The PyPI format under {@code /pypi/<registry>/}: the simple repository API at {@code simple/} and {@code
 * simple/<project>/} (HTML or JSON as {@code Accept} chooses, PEP 691), the files at {@code files/<project>/<version>
 * /<file>} with each wheel's core metadata beside it ({@code <file>.metadata}), and the upload API at the base URL and
 * at {@code legacy/} ({@link PypiUpload}). Reads go through the read pipeline: the registry's own content first, then
 * its upstreams ({@link PypiUpstreams}). Errors are plain text ({@link PypiErrors}).
 */
final class PypiModule implements FormatModule {

    private static final String BASE = "/pypi/{registry}";
    private static final String PAGE = BASE + "/simple/{project}/";
    private static final String FILE = BASE + "/files/{project}/{version}/{filename}";

    private final ArtifactLookup lookup;
    private final FileResponses responses;
    private final ReadPipeline reads;
    private final HostedPages hosted;
    private final ProjectIndex index;
    private final PypiUpstreams upstreams;
    private final PypiUpload upload;

    PypiModule(
            ArtifactLookup lookup,
            FileResponses responses,
            ReadPipeline reads,
            HostedPages hosted,
            ProjectIndex index,
            PypiUpstreams upstreams,
            PypiUpload upload) {
        this.lookup = lookup;
        this.responses = responses;
        this.reads = reads;
        this.hosted = hosted;
        this.index = index;
        this.upstreams = upstreams;
        this.upload = upload;
    }

    @Override
    public Format format() {
        return Format.PYPI;
    }

    @Override
    public String urlForm() {
        return "/pypi/<registry>/simple/ (pip install --index-url), /pypi/<registry>/ (twine upload, poetry publish)";
    }

    @Override
    public List<FormatOperation> operations() {
        List<FormatOperation> operations = new ArrayList<>();
        for (HttpMethod method : List.of(HttpMethod.GET, HttpMethod.HEAD)) {
            String verb = method.name().toLowerCase(java.util.Locale.ROOT);
            operations.add(operation(
                    "index." + verb, method, BASE + "/simple/", "/pypi/{registry}/simple/", Role.READ, this::index));
            operations.add(operation(
                    "project." + verb, method, PAGE, "/pypi/{registry}/simple/demo/", Role.READ, this::project));
            operations.add(operation(
                    "file." + verb,
                    method,
                    FILE,
                    "/pypi/{registry}/files/demo/1.0/demo-1.0-py3-none-any.whl",
                    Role.READ,
                    this::download));
        }
        operations.add(operation(
                "project.slash",
                HttpMethod.GET,
                BASE + "/simple/{project}",
                "/pypi/{registry}/simple/demo",
                Role.READ,
                PypiModule::withSlash));
        operations.add(
                operation("upload", HttpMethod.POST, BASE + "/", "/pypi/{registry}/", Role.WRITE, upload::handle));
        operations.add(operation(
                "upload.legacy",
                HttpMethod.POST,
                BASE + "/legacy/",
                "/pypi/{registry}/legacy/",
                Role.WRITE,
                upload::handle));
        return operations;
    }

    private static FormatOperation operation(
            String name,
            HttpMethod method,
            String pattern,
            String example,
            Role role,
            FormatOperation.RegistryHandler handler) {
        RequestPredicate matches = RequestPredicates.path(pattern);
        return FormatOperation.onRegistry(name, method, example, matches, role, PypiPath::registry, handler);
    }

    @Override
    public RouterFunction<ServerResponse> unmatched() {
        return RouterFunctions.route(
                RequestPredicates.path("/pypi/**"),
                request -> Mono.defer(() -> {
                    Set<HttpMethod> methods = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.POST);
                    if (!methods.contains(request.method())) {
                        return Mono.error(new MethodNotAllowedException(request.method(), methods));
                    }
                    return Mono.error(
                            RequestRefusedException.notFound("PyPI URLs have the form /pypi/<registry>/simple/,"
                                    + " /pypi/<registry>/simple/<project>/ and /pypi/<registry>/files/<project>/<version>/<file>;"
                                    + " uploads POST to /pypi/<registry>/; not " + request.path()));
                }));
    }

    @Override
    public Mono<ServerResponse> respond(ServerRequest request, Throwable error) {
        return PypiErrors.respond(request, error);
    }

    /** The list of the registry's projects (PEP 503's root page, PEP 691's {@code projects}). */
    private Mono<ServerResponse> index(ServerRequest request, ServedRegistry registry, Principal principal) {
        PageResponses.form(request);
        boolean proxying = !registry.configured().upstreamProxies().isEmpty();
        return index.page(registry.id())
                .flatMap(page -> PageResponses.serve(request, page, ReadOrigin.own(registry.name(), proxying)));
    }

    /** A project's page, from the registry's own content or else from its upstreams. */
    private Mono<ServerResponse> project(ServerRequest request, ServedRegistry registry, Principal principal) {
        String written = PypiPath.project(request);
        String project = DistributionFile.normalize(written);
        if (!written.equals(project)) {
            // PEP 503: a request for a name not normalized is redirected to the normalized URL.
            return ServerResponse.status(HttpStatus.MOVED_PERMANENTLY)
                    .location(URI.create("/pypi/" + segment(registry.name()) + "/simple/" + segment(project) + "/"))
                    .build();
        }
        PageResponses.form(request);
        boolean proxying = !registry.configured().upstreamProxies().isEmpty();
        Read<RenderedPage> read = Read.of(
                        ReadSubject.ofPackage(project),
                        hosted.page(registry, project),
                        page -> ReadOrigin.own(registry.name(), proxying))
                .orUpstream(kept -> upstreams
                        .page(registry, project)
                        .map(found -> new Sourced<>(found.rendered(), ReadOrigin.of(found.result()))));
        return reads.read(registry, read)
                .flatMap(found -> PageResponses.serve(request, found.content(), found.origin()))
                .switchIfEmpty(Mono.error(() -> RequestRefusedException.notFound("registry '" + registry.name()
                        + "' has no project '" + project + "'" + (proxying ? ", nor has any of its upstreams" : ""))))
                .onErrorMap(UpstreamFailureException.class, PypiModule::unavailable);
    }

    /** A file or a wheel's metadata file, stored here or else fetched from the upstream whose page lists it. */
    private Mono<ServerResponse> download(ServerRequest request, ServedRegistry registry, Principal principal) {
        DistributionFile file = PypiPath.file(request);
        boolean metadata = PypiPath.metadata(request);
        String path = metadata ? file.metadataPath() : file.filename();
        Read<VersionedFile> read = Read.of(
                        ReadSubject.ofVersion(file.project(), file.version()),
                        lookup.findStoredFile(registry, file.project(), file.version(), path),
                        found -> ReadOrigin.of(registry, found.version()))
                .orUpstream(kept -> upstreams.file(registry, file, metadata));
        return reads.read(registry, read)
                .flatMap(found -> responses.serve(
                        request, registry, new Sourced<>(found.content().file(), found.origin())))
                .switchIfEmpty(Mono.error(() -> RequestRefusedException.notFound("registry '" + registry.name()
                        + "' has no file '" + path + "' in version " + file.version() + " of project '"
                        + file.project() + "'")))
                .onErrorMap(UpstreamFailureException.class, PypiModule::unavailable);
    }

    private static Mono<ServerResponse> withSlash(ServerRequest request, ServedRegistry registry, Principal principal) {
        String project = DistributionFile.normalize(PypiPath.project(request));
        return ServerResponse.status(HttpStatus.MOVED_PERMANENTLY)
                .location(URI.create("/pypi/" + segment(registry.name()) + "/simple/" + segment(project) + "/"))
                .build();
    }

    private static RequestRefusedException unavailable(UpstreamFailureException failure) {
        return new RequestRefusedException(
                HttpStatus.BAD_GATEWAY,
                "No upstream could answer",
                "it is not stored here and no upstream proxy could serve it: " + failure.getMessage());
    }

    private static String segment(String value) {
        return UriUtils.encodePathSegment(value, StandardCharsets.UTF_8);
    }
}
