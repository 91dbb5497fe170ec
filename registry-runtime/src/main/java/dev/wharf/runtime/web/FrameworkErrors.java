package dev.wharf.runtime.web;

import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.MethodNotAllowedException;
import org.springframework.web.server.NotAcceptableStatusException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.server.UnsupportedMediaTypeStatusException;
import reactor.core.publisher.Mono;

/**
 * The errors no route answered itself, such as a path no route serves or an exception thrown before a route ran:
 * answered in the error format of the path's protocol ({@link ErrorAnswers}), an RFC 9457 problem elsewhere, instead
 * of Spring Boot's whitelabel page or error JSON. Runs before Spring Boot's handler, which keeps the actuator's errors.
 */
public final class FrameworkErrors implements ErrorWebExceptionHandler, Ordered {

    private static final String ACTUATOR = "/actuator";
    static final String WHERE_TO_GO = "the registries are served under /generic/<registry>/... and /v2/<registry>/...,"
            + " the management API under /api/v1 (GET /api/v1/registries lists the registries)";

    private final Supplier<ErrorAnswers> answers;

    /** {@code answers} is asked for on the first error: the handler is built with the server, before the routes. */
    public FrameworkErrors(Supplier<ErrorAnswers> answers) {
        this.answers = answers;
    }

    /** Before Spring Boot's own handler, which has order -1. */
    @Override
    public int getOrder() {
        return -2;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        ServerHttpRequest request = exchange.getRequest();
        String path = request.getPath().pathWithinApplication().value();
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted() || path.equals(ACTUATOR) || path.startsWith(ACTUATOR + "/")) {
            return Mono.error(error);
        }
        ProblemDetail problem = problem(request, error);
        ErrorDocument document = answers.get()
                .document(
                        HttpStatus.valueOf(problem.getStatus()),
                        String.valueOf(problem.getTitle()),
                        String.valueOf(problem.getDetail()),
                        new RequestTarget(request.getURI().getRawPath()));
        response.setStatusCode(document.status());
        HttpHeaders headers = response.getHeaders();
        headers.setContentType(document.contentType());
        headers.setContentLength(document.body().length);
        if (error instanceof MethodNotAllowedException notAllowed) {
            headers.setAllow(notAllowed.getSupportedMethods());
        }
        if (HttpMethod.HEAD.equals(request.getMethod())) {
            return response.setComplete();
        }
        DataBuffer body = response.bufferFactory().wrap(document.body());
        return response.writeWith(Mono.just(body));
    }

    /** What went wrong, said so that the caller knows what to do. */
    static ProblemDetail problem(ServerHttpRequest request, Throwable error) {
        String path = RequestTarget.printable(request.getPath().value());
        String method = request.getMethod().name();
        return switch (error) {
            case MethodNotAllowedException notAllowed ->
                Problems.problem(
                        HttpStatus.METHOD_NOT_ALLOWED,
                        "Method not allowed",
                        path + " takes " + names(notAllowed.getSupportedMethods()) + ", not " + method);
            case UnsupportedMediaTypeStatusException unsupported ->
                Problems.problem(
                        HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                        "Unsupported media type",
                        "the body's Content-Type " + unsupported.getContentType() + " is not accepted by " + method
                                + " " + path + "; send one of " + unsupported.getSupportedMediaTypes());
            case NotAcceptableStatusException notAcceptable ->
                Problems.problem(
                        HttpStatus.NOT_ACCEPTABLE,
                        "Not acceptable",
                        path + " answers only " + notAcceptable.getSupportedMediaTypes()
                                + "; send an Accept header that allows one of them");
            case ServerWebInputException input ->
                Problems.problem(
                        HttpStatus.BAD_REQUEST,
                        "Bad request",
                        "the request to " + path + " cannot be read: " + input.getReason());
            case ResponseStatusException status
            when status.getStatusCode().value() == 404 ->
                Problems.problem(
                        HttpStatus.NOT_FOUND,
                        "Not found",
                        "no route serves " + method + " " + path + "; " + WHERE_TO_GO);
            case ResponseStatusException status
            when status.getStatusCode().is4xxClientError() ->
                Problems.problem(
                        status.getStatusCode(),
                        HttpStatus.valueOf(status.getStatusCode().value()).getReasonPhrase(),
                        method + " " + path + " cannot be served: " + status.getReason());
            default -> Problems.problem(error);
        };
    }

    private static String names(Set<HttpMethod> methods) {
        return methods.stream().map(HttpMethod::name).sorted().collect(Collectors.joining(", "));
    }
}
