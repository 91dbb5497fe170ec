package dev.wharf.runtime.web;

import dev.wharf.api.v1alpha1.common.Format;
import dev.wharf.runtime.config.ConfiguredRegistry;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.server.RequestPredicate;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * The formats this runtime does not serve yet. Their base paths ({@code /v2/} for docker, {@code /<format>/<registry>/}
 * for the others) answer 501 naming the format when the registry exists and serves it, 404 otherwise, so a client
 * pointed at such a registry gets a clear reason instead of a bare 404.
 */
public final class UnimplementedFormats {

    private final Set<Format> implemented;
    private final ServedRegistries registries;

    public UnimplementedFormats(Set<Format> implemented, ServedRegistries registries) {
        this.implemented = implemented.isEmpty() ? EnumSet.noneOf(Format.class) : EnumSet.copyOf(implemented);
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

    /** The routes answering 501 for every format not implemented. */
    public RouterFunction<ServerResponse> routes() {
        RouterFunctions.Builder routes = RouterFunctions.route();
        for (Format format :
                Arrays.stream(Format.values()).filter(f -> !isImplemented(f)).toList()) {
            routes.route(basePath(format), request -> respond(request, format));
        }
        return routes.build();
    }

    /** What a client of an unimplemented format gets. */
    public static RequestRefusedException notImplemented(String registry, Format format) {
        return new RequestRefusedException(
                HttpStatus.NOT_IMPLEMENTED,
                "Format not implemented",
                "registry '" + registry + "' serves the " + format.id() + " format, which this version of the Wharf"
                        + " runtime does not implement yet; its other registries serve normally");
    }

    private Mono<ServerResponse> respond(ServerRequest request, Format format) {
        String name = request.pathVariables().getOrDefault("registry", "");
        boolean served = registries.configured().stream()
                .anyMatch(registry -> registry.name().equals(name) && registry.format() == format);
        RequestRefusedException error =
                served ? notImplemented(name, format) : RequestRefusedException.registryNotFound(name);
        return Problems.respond(request, error);
    }

    private static RequestPredicate basePath(Format format) {
        if (format == Format.DOCKER) {
            return RequestPredicates.path("/v2/{registry}/**").or(RequestPredicates.path("/v2/"));
        }
        return RequestPredicates.path("/" + format.id() + "/{registry}/**")
                .or(RequestPredicates.path("/" + format.id() + "/{registry}"));
    }
}
