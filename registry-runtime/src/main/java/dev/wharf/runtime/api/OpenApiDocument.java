package dev.wharf.runtime.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * {@code GET /api/v1/openapi.json}: the hand-written OpenAPI 3.1 document of the management API, public. A test keeps
 * it and the routes in step.
 */
final class OpenApiDocument {

    /** Where the document is on the class path. */
    static final String RESOURCE = "wharf/api/openapi.json";

    private final byte[] document;

    OpenApiDocument() {
        try (InputStream in = new ClassPathResource(RESOURCE).getInputStream()) {
            this.document = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("the runtime jar lacks " + RESOURCE, e);
        }
    }

    Mono<ServerResponse> serve(ServerRequest request) {
        return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(document.clone());
    }
}
