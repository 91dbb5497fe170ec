package dev.wharf.runtime.web;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * The listener on {@code wharf.metrics.port}: {@code GET /actuator/prometheus} in the Prometheus text format, and 404
 * for anything else. Its own small Reactor Netty server rather than Spring's management server, which an
 * ahead-of-time-processed application cannot move at run time.
 */
public final class MetricsServer implements SmartLifecycle {

    /** The path Prometheus scrapes, on either port. */
    public static final String PATH = "/actuator/prometheus";

    private static final String TEXT_FORMAT = "text/plain; version=0.0.4; charset=utf-8";
    private static final Logger LOG = LoggerFactory.getLogger(MetricsServer.class);

    private final @Nullable Integer port;
    private final Supplier<@Nullable PrometheusMeterRegistry> registries;
    private volatile @Nullable DisposableServer server;

    /** @param registries the Prometheus registry, asked for once at start; null when metrics export is off */
    public MetricsServer(MetricsProperties properties, Supplier<@Nullable PrometheusMeterRegistry> registries) {
        this.port = properties.port();
        this.registries = registries;
    }

    @Override
    public void start() {
        Integer listen = port;
        if (listen == null) {
            return;
        }
        PrometheusMeterRegistry registry = registries.get();
        if (registry == null) {
            throw new IllegalStateException("wharf.metrics.port is " + listen + ", but the Prometheus export is off"
                    + " (management.prometheus.metrics.export.enabled=false): unset the port or turn the export on");
        }
        server = HttpServer.create()
                .port(listen)
                .route(routes -> routes.get(
                                PATH,
                                (request, response) -> response.header(HttpHeaderNames.CONTENT_TYPE, TEXT_FORMAT)
                                        .sendByteArray(Mono.fromCallable(
                                                () -> registry.scrape().getBytes(StandardCharsets.UTF_8))))
                        .route(
                                request -> true,
                                (request, response) -> response.status(HttpResponseStatus.NOT_FOUND)
                                        .header(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8")
                                        .sendString(Mono.just("only " + PATH + " is served on this port\n"))))
                .bindNow(Duration.ofSeconds(30));
        LOG.info("Metrics are served on port {} at {}, and not on the main port", listen, PATH);
    }

    @Override
    public void stop() {
        DisposableServer running = server;
        if (running != null) {
            running.disposeNow(Duration.ofSeconds(5));
            server = null;
        }
    }

    @Override
    public boolean isRunning() {
        return server != null;
    }

    /** The port it listens on; null when {@code wharf.metrics.port} is unset. */
    public @Nullable Integer port() {
        DisposableServer running = server;
        return running == null ? port : Integer.valueOf(running.port());
    }
}
