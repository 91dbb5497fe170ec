package dev.wharf.runtime.web;

import dev.wharf.runtime.artifact.InvalidNameException;
import dev.wharf.runtime.metadata.FileConflictException;
import dev.wharf.runtime.metadata.VersionExistsException;
import dev.wharf.runtime.storage.BlobTooLargeException;
import dev.wharf.runtime.storage.DigestMismatchException;
import dev.wharf.runtime.storage.RangeNotSatisfiableException;
import dev.wharf.runtime.storage.StorageException;
import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
import reactor.netty.channel.AbortedException;

/**
 * Turns the errors of a request into RFC 9457 problem documents ({@code application/problem+json}) for the generic
 * format and the management API: the status, a stable title, and a detail a person can act on. Unexpected errors are
 * logged and answered 500 without their message, which could carry internal detail.
 */
public final class Problems {

    /** The {@code WWW-Authenticate} challenge of the routes that take Basic credentials. */
    public static final String BASIC_CHALLENGE = "Basic realm=\"wharf\", charset=\"UTF-8\"";

    private static final URI ABOUT_BLANK = URI.create("about:blank");

    private static final Logger LOG = LoggerFactory.getLogger(Problems.class);

    private Problems() {}

    /** The response for {@code error}, raised while serving {@code request}. */
    public static Mono<ServerResponse> respond(ServerRequest request, Throwable error) {
        ProblemDetail problem = error instanceof ResponseStatusException
                ? FrameworkErrors.problem(request.exchange().getRequest(), error)
                : problem(error);
        problem.setInstance(URI.create(request.path()));
        ServerResponse.BodyBuilder response =
                ServerResponse.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (error instanceof AccessRefusedException refused && refused.challenge()) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, BASIC_CHALLENGE);
        }
        if (error instanceof RangeNotSatisfiableException range) {
            response.header(HttpHeaders.CONTENT_RANGE, "bytes */" + range.blobSize());
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
        return response.bodyValue(problem);
    }

    /** The problem document for {@code error}. */
    public static ProblemDetail problem(Throwable error) {
        return switch (error) {
            case RequestRefusedException refused ->
                problem(refused.status(), refused.title(), String.valueOf(refused.getMessage()));
            case InvalidNameException invalid -> problem(HttpStatus.BAD_REQUEST, "Invalid name", message(invalid));
            case BlobTooLargeException tooLarge ->
                problem(HttpStatus.CONTENT_TOO_LARGE, "Upload too large", message(tooLarge));
            case DigestMismatchException mismatch ->
                problem(HttpStatus.BAD_REQUEST, "Digest mismatch", message(mismatch));
            case RangeNotSatisfiableException range ->
                problem(HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE, "Range not satisfiable", message(range));
            case FileConflictException conflict ->
                problem(HttpStatus.CONFLICT, "Version is immutable", message(conflict));
            case VersionExistsException exists -> problem(HttpStatus.CONFLICT, "Version exists", message(exists));
            case StorageException storage -> {
                LOG.error("Storage failed", storage);
                yield problem(HttpStatus.SERVICE_UNAVAILABLE, "Storage unavailable", message(storage));
            }
            case ResponseStatusException status ->
                problem(status.getStatusCode(), "Bad request", String.valueOf(status.getReason()));
            case AbortedException aborted -> {
                // The client went away in the middle of the request (an upload cut off): nobody reads this answer,
                // and it is no failure of the runtime.
                LOG.debug("The client closed the connection before the request was complete: {}", aborted.getMessage());
                yield problem(
                        HttpStatus.BAD_REQUEST,
                        "Request incomplete",
                        "the connection closed before the whole request arrived; send the request again");
            }
            default -> {
                LOG.error("A request failed unexpectedly", error);
                yield problem(
                        HttpStatus.INTERNAL_SERVER_ERROR,
                        "Internal error",
                        "the runtime failed to serve this request; its log says why");
            }
        };
    }

    /** A problem document. */
    public static ProblemDetail problem(HttpStatusCode status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        // Written out, as every problem of the runtime has it, though RFC 9457 lets an absent type mean the same.
        problem.setType(ABOUT_BLANK);
        problem.setTitle(title);
        return problem;
    }

    private static String message(Throwable error) {
        return String.valueOf(error.getMessage());
    }
}
