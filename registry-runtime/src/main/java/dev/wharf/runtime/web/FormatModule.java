package dev.wharf.runtime.web;

import dev.wharf.api.v1alpha1.common.Format;
import dev.wharf.api.v1alpha1.registry.Role;
import dev.wharf.runtime.auth.Principal;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.server.HandlerFilterFunction;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * What a format brings to the runtime's web layer: its operations, each with the role it needs, and how its protocol
 * answers. A bean per format served; the core routes every operation, finds its registry, authorizes the caller and
 * times the call ({@link FormatRouter}), so an operation cannot be served without its check. Formats without a module
 * answer that they are not served yet.
 */
public interface FormatModule {

    /** The format served. */
    Format format();

    /** How a person names the format in a list of those served, such as {@code docker/OCI}; its id by default. */
    default String servedAs() {
        return format().id();
    }

    /** The form of its URLs, with who uses them, as the runtime's home document shows it. */
    String urlForm();

    /** Every operation, each under the format's base path. */
    List<FormatOperation> operations();

    /**
     * The routes for requests under the format's base path that no operation answers (a malformed URL, a method the
     * protocol does not have), answering in the protocol's own shape.
     */
    RouterFunction<ServerResponse> unmatched();

    /**
     * The caller of {@code request}, when it has {@code role} in the registry; else an error the format answers. The
     * core's {@link AccessGuard} decides, unless the format's clients carry credentials of the protocol's own.
     */
    default Mono<Principal> authorize(AccessGuard guard, ServerRequest request, ServedRegistry registry, Role role) {
        return guard.require(request, registry, role);
    }

    /** The error of a write to a registry that accepts no pushes ({@code spec.allowPush: false}). */
    default RuntimeException pushesRefused(ServedRegistry registry) {
        return new RequestRefusedException(
                HttpStatus.METHOD_NOT_ALLOWED,
                "Push not allowed",
                "registry '" + registry.name() + "' does not accept pushes (spec.allowPush is false)");
    }

    /** The answer to an error of one of the format's routes, in the protocol's shape. */
    default Mono<ServerResponse> respond(ServerRequest request, Throwable error) {
        return Problems.respond(request, error);
    }

    /** What wraps every route of the format (such as a header the protocol puts on every response); nothing here. */
    default HandlerFilterFunction<ServerResponse, ServerResponse> filter() {
        return (request, next) -> next.handle(request);
    }
}
