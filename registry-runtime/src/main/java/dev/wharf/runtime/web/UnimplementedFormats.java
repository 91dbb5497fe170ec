package dev.wharf.runtime.web;

import dev.wharf.api.v1alpha1.common.Format;
import dev.wharf.runtime.config.ConfiguredRegistry;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RequestPredicate;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * The formats this runtime does not serve yet. Their base paths ({@code /<format>/<registry>/}) answer 400 naming the
 * format and the formats served when the registry exists and has that format, 404 otherwise. 400 because every
 * client shows it at once and none retries it (npm, cargo and dotnet retry 5xx; Maven caches a 404 as "not found"
 * and Go falls through to its next proxy on one), in the client's own error shape where it reads one: npm's
 * {@code {"error": ...}}, Go's plain text, an RFC 9457 problem for the others.
 */
public final class UnimplementedFormats {

    /** The status of a request to a registry of a format not served yet. */
    public static final HttpStatus NOT_SERVED = HttpStatus.BAD_REQUEST;

    private final List<FormatModule> modules;
    private final Set<Format> implemented;
    private final ServedRegistries registries;

    /** The formats that none of {@code modules} serves. */
    public UnimplementedFormats(List<FormatModule> modules, ServedRegistries registries) {
        this.modules = modules.stream()
                .sorted(Comparator.comparing(FormatModule::format))
                .toList();
        this.implemented = modules.stream()
                .map(FormatModule::format)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Format.class)));
        this.registries = registries;
    }

    /** Whether registries of this format serve. */
    public boolean isImplemented(Format format) {
        return implemented.contains(format);
    }

    /** The configured registries whose format is not served yet, in name order. */
    public List<ConfiguredRegistry> registries() {
        return registries.configured().stream()
                .filter(registry -> !isImplemented(registry.format()))
                .toList();
    }

    /** The routes answering for every format not implemented. */
    public RouterFunction<ServerResponse> routes() {
        RouterFunctions.Builder routes = RouterFunctions.route();
        for (Format format : unimplemented()) {
            routes.route(basePath(format), request -> respond(request, format));
        }
        return routes.build();
    }

    /** The error format of the base paths of the formats not implemented, for errors raised before a route runs. */
    public ProtocolErrors errors() {
        return new ProtocolErrors() {
            @Override
            public boolean covers(String path) {
                return formatOf(path) != null;
            }

            @Override
            public ErrorDocument document(HttpStatusCode status, String title, String message, String path) {
                Format format = formatOf(path);
                return format == null
                        ? ErrorDocument.text(status, message)
                        : UnimplementedFormats.document(format, status, title, message, new RequestTarget(path));
            }
        };
    }

    /** The message of a request to a registry of a format not served yet: the same on every route and client. */
    public String message(String registry, Format format) {
        return "registry '" + registry + "' is a " + format.id() + " registry; Wharf does not serve " + format.id()
                + " yet; formats served: " + served();
    }

    /** The formats served, as a person names them, in the order of the Format enum. */
    public String served() {
        return modules.stream().map(FormatModule::servedAs).collect(Collectors.joining(", "));
    }

    /** The URL form of each format served, by the name it is served as. */
    public Map<String, String> urlForms() {
        Map<String, String> forms = new LinkedHashMap<>();
        modules.forEach(module -> forms.put(module.servedAs(), module.urlForm()));
        return forms;
    }

    private List<Format> unimplemented() {
        return Arrays.stream(Format.values())
                .filter(format -> !isImplemented(format))
                .toList();
    }

    private @Nullable Format formatOf(String path) {
        for (Format format : unimplemented()) {
            String base = "/" + format.id();
            if (path.equals(base) || path.startsWith(base + "/")) {
                return format;
            }
        }
        return null;
    }

    private Mono<ServerResponse> respond(ServerRequest request, Format format) {
        String name = request.pathVariables().getOrDefault("registry", "");
        boolean served = registries.configured().stream()
                .anyMatch(registry -> registry.name().equals(name) && registry.format() == format);
        HttpStatus status = served ? NOT_SERVED : HttpStatus.NOT_FOUND;
        String title = served ? "Format not served yet" : "Registry not found";
        String message = served
                ? message(name, format)
                : String.valueOf(RequestRefusedException.registryNotFound(name).getMessage());
        ErrorDocument document = document(format, status, title, message, new RequestTarget(request.path()));
        ServerResponse.BodyBuilder response = ServerResponse.status(status).contentType(document.contentType());
        return request.method().name().equals("HEAD") ? response.build() : response.bodyValue(document.body());
    }

    private static ErrorDocument document(
            Format format, HttpStatusCode status, String title, String message, RequestTarget target) {
        return switch (format) {
            case NPM -> ErrorDocument.json(status, MediaType.APPLICATION_JSON, Map.of("error", message));
            case GO -> ErrorDocument.text(status, message);
            default -> ErrorAnswers.problem(status, title, message, target);
        };
    }

    private static RequestPredicate basePath(Format format) {
        return RequestPredicates.path("/" + format.id() + "/{registry}/**")
                .or(RequestPredicates.path("/" + format.id() + "/{registry}"));
    }
}
