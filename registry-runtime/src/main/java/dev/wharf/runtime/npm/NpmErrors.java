package dev.wharf.runtime.npm;

import dev.wharf.runtime.web.AccessRefusedException;
import dev.wharf.runtime.web.ErrorDocument;
import dev.wharf.runtime.web.LoginsThrottledException;
import dev.wharf.runtime.web.Problems;
import dev.wharf.runtime.web.ProtocolErrors;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.MethodNotAllowedException;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;

/**
 * npm's error document, {@code {"error": "<message>"}}, which the npm client prints after the status ({@code npm
 * error 403 Forbidden - PUT http://... - You cannot publish over ...}); pnpm and yarn show it the same way. The status
 * and message are the core's ({@link Problems#problem}).
 */
final class NpmErrors implements ProtocolErrors {

    /** The challenge of a 401: npm then asks the user to log in. */
    static final String CHALLENGE = "Basic realm=\"wharf\", charset=\"UTF-8\"";

    @Override
    public boolean covers(String path) {
        return path.equals("/npm") || path.startsWith("/npm/");
    }

    @Override
    public ErrorDocument document(HttpStatusCode status, String title, String message, String path) {
        return ErrorDocument.json(status, MediaType.APPLICATION_JSON, Map.of("error", message));
    }

    /** The answer to an error of one of the npm routes. */
    static Mono<ServerResponse> respond(ServerRequest request, Throwable error) {
        ProblemDetail problem = error instanceof ResponseStatusException status
                ? Problems.problem(status.getStatusCode(), "Bad request", String.valueOf(status.getReason()))
                : Problems.problem(error);
        HttpStatusCode status = HttpStatusCode.valueOf(problem.getStatus());
        ServerResponse.BodyBuilder response = ServerResponse.status(status).contentType(MediaType.APPLICATION_JSON);
        if (status.value() == HttpStatus.UNAUTHORIZED.value()
                && !(error instanceof AccessRefusedException refused && !refused.challenge())) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE);
        }
        if (error instanceof LoginsThrottledException throttled) {
            response.header(HttpHeaders.RETRY_AFTER, throttled.retryAfter());
        }
        if (error instanceof MethodNotAllowedException notAllowed) {
            response.allow(notAllowed.getSupportedMethods());
        }
        if (request.method().name().equals("HEAD")) {
            return response.build();
        }
        String detail = problem.getDetail();
        return response.bodyValue(PublishBody.JSON.writeValueAsBytes(
                Map.of("error", detail == null ? String.valueOf(problem.getTitle()) : detail)));
    }
}
