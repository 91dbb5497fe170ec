package dev.wharf.runtime.web;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.reactor.netty.NettyRouteProvider;
import org.springframework.http.HttpStatus;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRoutes;

/**
 * When {@code wharf.metrics.port} is set, the main port answers {@code /actuator/prometheus} with a 404 problem
 * document naming the metrics port, before the actuator sees the request: whatever routes the main port (an Ingress, a
 * Service) cannot expose the metrics.
 */
public final class MetricsOffMainPort implements NettyRouteProvider {

    private final @Nullable Integer port;
    private final Supplier<ErrorAnswers> answers;

    public MetricsOffMainPort(MetricsProperties properties, Supplier<ErrorAnswers> answers) {
        this.port = properties.port();
        this.answers = answers;
    }

    @Override
    public HttpServerRoutes apply(HttpServerRoutes routes) {
        Integer metrics = port;
        if (metrics == null) {
            return routes;
        }
        return routes.route(
                request -> {
                    String uri = request.uri();
                    int query = uri.indexOf('?');
                    String path = query < 0 ? uri : uri.substring(0, query);
                    return path.equals(MetricsServer.PATH) || path.startsWith(MetricsServer.PATH + "/");
                },
                (request, response) -> {
                    ErrorDocument document = answers.get()
                            .document(
                                    HttpStatus.NOT_FOUND,
                                    "Not Found",
                                    "metrics are served on port " + metrics + " (wharf.metrics.port), not on this"
                                            + " port",
                                    new RequestTarget(request.uri()));
                    return response.status(
                                    HttpResponseStatus.valueOf(document.status().value()))
                            .header(
                                    HttpHeaderNames.CONTENT_TYPE,
                                    document.contentType().toString())
                            .header(HttpHeaderNames.CONTENT_LENGTH, String.valueOf(document.body().length))
                            .sendByteArray(Mono.just(document.body()))
                            .then();
                });
    }
}
