package dev.wharf.runtime.pypi;

import dev.wharf.runtime.web.AccessRefusedException;
import dev.wharf.runtime.web.Problems;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.MethodNotAllowedException;
import reactor.core.publisher.Mono;

/**
 * PyPI's error shape: the status and a plain-text message, which pip and twine print as they get it (the upload API
 * and the simple API define no error document). The status and message are the core's ({@link Problems}), so that an
 * error reads the same on every route; a 401 carries the Basic challenge pip answers with the credentials it has.
 */
final class PypiErrors {

    private PypiErrors() {}

    /** The response for {@code error}, raised while serving {@code request}. */
    static Mono<ServerResponse> respond(ServerRequest request, Throwable error) {
        ProblemDetail problem = Problems.problem(error);
        String message = problem.getDetail() == null ? String.valueOf(problem.getTitle()) : problem.getDetail();
        ServerResponse.BodyBuilder response = ServerResponse.status(problem.getStatus())
                .contentType(new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8));
        if (error instanceof AccessRefusedException refused && refused.challenge()) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, Problems.BASIC_CHALLENGE);
        }
        if (error instanceof MethodNotAllowedException notAllowed) {
            response.allow(notAllowed.getSupportedMethods());
        }
        if (request.method().name().equals("HEAD")) {
            return response.build();
        }
        return response.bodyValue(problem.getStatus() + " " + message + "\n");
    }
}
