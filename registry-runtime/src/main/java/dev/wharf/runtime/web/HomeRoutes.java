package dev.wharf.runtime.web;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * {@code /}: there is no web UI yet, so a JSON document saying so and pointing at the management API and the registry
 * URLs, for the person who opens the runtime's address in a browser or with curl.
 */
final class HomeRoutes {

    static final String NO_UI = "Wharf has no web UI yet; use the management API and the registry URLs below, as the"
            + " README of the Wharf repository describes";

    private static final Set<HttpMethod> ALLOWED = Set.of(HttpMethod.GET, HttpMethod.HEAD);

    private HomeRoutes() {}

    /**
     * The route of {@code /}, for every method: 405 for all but GET and HEAD; {@code served} names the formats and
     * {@code urlForms} gives the form of each one's URLs.
     */
    static RouterFunction<ServerResponse> routes(String served, Map<String, String> urlForms) {
        return RouterFunctions.route(RequestPredicates.path("/"), request -> home(request, served, urlForms));
    }

    private static Mono<ServerResponse> home(ServerRequest request, String served, Map<String, String> urlForms) {
        if (!ALLOWED.contains(request.method())) {
            ProblemDetail problem = Problems.problem(
                    HttpStatus.METHOD_NOT_ALLOWED,
                    "Method not allowed",
                    "/ takes GET, HEAD, not " + request.method().name() + "; " + FrameworkErrors.WHERE_TO_GO);
            problem.setInstance(URI.create("/"));
            return ServerResponse.status(HttpStatus.METHOD_NOT_ALLOWED)
                    .allow(ALLOWED)
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .bodyValue(problem);
        }
        Map<String, Object> home = new LinkedHashMap<>();
        home.put("name", "Wharf registry runtime");
        home.put("message", NO_UI);
        home.put("status", "/api/v1/status");
        home.put("registries", "/api/v1/registries");
        home.put("openapi", "/api/v1/openapi.json");
        home.put("formatsServed", served);
        home.put("formats", urlForms);
        return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(home);
    }
}
