package dev.wharf.runtime.api;

import java.net.URI;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/** The successful answers of the management API: JSON bodies, 201 with a location, 204. */
final class ApiResponses {

    private ApiResponses() {}

    /** 200 with a JSON body. */
    static Mono<ServerResponse> json(Object body) {
        return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(body);
    }

    /** 201 with the new resource's URL and a JSON body. */
    static Mono<ServerResponse> created(String location, Object body) {
        return ServerResponse.created(URI.create(location))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body);
    }

    /** 204. */
    static Mono<ServerResponse> noContent() {
        return ServerResponse.noContent().build();
    }
}
