package dev.wharf.runtime.web;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.function.Supplier;
import org.springframework.boot.reactor.netty.NettyRouteProvider;
import org.springframework.http.HttpStatus;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerRoutes;

/**
 * Answers requests whose target is not a valid URL (a backslash, a bad percent-encoding) in the error format of the
 * path's protocol. Spring parses the target into a {@code URI} before any filter or route runs and answers such a
 * request a bare 400 without a body; this Reactor Netty route runs first and says what is wrong instead.
 */
public final class MalformedRequestTargets implements NettyRouteProvider {

    private final Supplier<ErrorAnswers> answers;

    /**
     * {@code answers} is asked for on the first malformed request only: the server is built before the routes and
     * the protocols' error formats exist.
     */
    public MalformedRequestTargets(Supplier<ErrorAnswers> answers) {
        this.answers = answers;
    }

    @Override
    public HttpServerRoutes apply(HttpServerRoutes routes) {
        return routes.route(request -> target(request).problem().isPresent(), (request, response) -> {
            RequestTarget target = target(request);
            ErrorDocument document = answers.get()
                    .document(
                            HttpStatus.BAD_REQUEST,
                            "Malformed request path",
                            target.problem().orElse(""),
                            target);
            response.status(HttpResponseStatus.valueOf(document.status().value()))
                    .header(HttpHeaderNames.CONTENT_TYPE, document.contentType().toString())
                    .header(HttpHeaderNames.CONTENT_LENGTH, String.valueOf(document.body().length));
            if (HttpMethod.HEAD.equals(request.method())) {
                return response.send();
            }
            return response.sendByteArray(Mono.just(document.body())).then();
        });
    }

    /** The target as sent, without the scheme and host of an absolute-form request. */
    private static RequestTarget target(HttpServerRequest request) {
        String uri = request.uri();
        int scheme = uri.indexOf("://");
        if (scheme > 0 && !uri.startsWith("/")) {
            int path = uri.indexOf('/', scheme + 3);
            uri = path < 0 ? "/" : uri.substring(path);
        }
        return new RequestTarget(uri);
    }
}
