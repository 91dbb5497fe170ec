package dev.wharf.runtime.web;

import dev.wharf.api.v1alpha1.registry.Role;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * Serves a {@link FormatModule}: routes each of its operations, and for an operation on a registry finds the registry
 * (of the module's format), authorizes the caller for the operation's role, refuses writes where the registry accepts
 * no pushes, and only then calls the handler. Every error is answered in the protocol's shape; every call is timed.
 */
public final class FormatRouter {

    private final AccessGuard guard;
    private final ServedRegistries registries;
    private final WebMetrics metrics;

    public FormatRouter(AccessGuard guard, ServedRegistries registries, WebMetrics metrics) {
        this.guard = guard;
        this.registries = registries;
        this.metrics = metrics;
    }

    /** The routes of the module. */
    public RouterFunction<ServerResponse> routes(FormatModule module) {
        RouterFunctions.Builder routes = RouterFunctions.route();
        for (FormatOperation operation : module.operations()) {
            routes.route(
                    RequestPredicates.method(operation.method()).and(operation.matches()),
                    request -> Mono.defer(() -> handle(module, operation, request)));
        }
        // The first filter is the outermost: the timing sees every answer, refusals included, once each has its status.
        return routes.add(module.unmatched())
                .filter(metrics.timing(module.format(), registries))
                .filter((request, next) -> next.handle(request).onErrorResume(error -> module.respond(request, error)))
                .filter(module.filter())
                .build();
    }

    private Mono<ServerResponse> handle(FormatModule module, FormatOperation operation, ServerRequest request) {
        if (operation.role().isEmpty()) {
            return operation.unscopedHandler().handle(request);
        }
        Role role = operation.role().get();
        ServedRegistry registry = registries.require(operation.registryOf(request), module.format());
        return module.authorize(guard, request, registry, role).flatMap(principal -> {
            if (role == Role.WRITE && !registry.allowPush()) {
                return Mono.error(module.pushesRefused(registry));
            }
            return operation.registryHandler().handle(request, registry, principal);
        });
    }
}
