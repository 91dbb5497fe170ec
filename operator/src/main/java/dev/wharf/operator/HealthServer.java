package dev.wharf.operator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import dev.wharf.operator.ReadinessCheck.Readiness;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves {@code /healthz} (the process is alive), {@code /readyz} (the operator is started and synced) and
 * {@code /metrics} (Prometheus text) on the JDK's HTTP server, from a small bounded thread pool.
 */
public final class HealthServer implements AutoCloseable {

    static final String TEXT = "text/plain; charset=utf-8";
    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private static final int THREADS = 2;
    private static final int QUEUE = 32;
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(1);
    private static final Logger log = LoggerFactory.getLogger(HealthServer.class);

    private final HttpServer server;
    private final ExecutorService executor;
    private final AtomicBoolean stopped = new AtomicBoolean();

    private HealthServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /**
     * Starts serving on the given address; port 0 picks a free port (see {@link #port()}).
     *
     * @throws IOException when the address cannot be bound, for example because the port is taken
     */
    public static HealthServer start(
            InetSocketAddress address, ReadinessCheck readiness, PrometheusMeterRegistry metrics) throws IOException {
        HttpServer server = HttpServer.create(address, 0);
        // A full queue makes the accepting thread answer the request itself: back pressure, never an unbounded queue.
        ThreadPoolExecutor executor = new ThreadPoolExecutor(
                THREADS,
                THREADS,
                0,
                TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(QUEUE),
                daemonThreads(),
                new ThreadPoolExecutor.CallerRunsPolicy());
        server.setExecutor(executor);
        server.createContext("/healthz", get("/healthz", () -> Response.text(200, "ok")));
        server.createContext("/readyz", get("/readyz", () -> {
            Readiness answer = readiness.check();
            return Response.text(answer.ready() ? 200 : 503, answer.detail());
        }));
        server.createContext("/metrics", get("/metrics", () -> new Response(200, PROMETHEUS_TEXT, metrics.scrape())));
        server.start();
        HealthServer health = new HealthServer(server, executor);
        log.info("Serving /healthz, /readyz and /metrics on port {}", health.port());
        return health;
    }

    /** The port the server listens on. */
    public int port() {
        return server.getAddress().getPort();
    }

    /**
     * Stops accepting requests, lets the ones in flight finish within the grace period (whole seconds), then stops the
     * threads. Later calls do nothing.
     */
    public void stop(Duration grace) {
        if (stopped.getAndSet(true)) {
            return;
        }
        server.stop((int) Math.max(0, grace.toSeconds()));
        executor.shutdown();
        try {
            if (!executor.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop(CLOSE_GRACE);
    }

    /** A body, its status code and content type. */
    private record Response(int status, String contentType, String body) {
        static Response text(int status, String line) {
            return new Response(status, TEXT, line + "\n");
        }
    }

    /** Answers GET and HEAD on exactly this path with the supplied response; 404 and 405 otherwise. */
    private static HttpHandler get(String path, Supplier<Response> response) {
        return exchange -> {
            try (exchange) {
                String method = exchange.getRequestMethod();
                if (!exchange.getRequestURI().getPath().equals(path)) {
                    send(exchange, Response.text(404, "not found"), method);
                } else if (!method.equals("GET") && !method.equals("HEAD")) {
                    exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                    send(exchange, Response.text(405, "only GET and HEAD are allowed"), method);
                } else {
                    send(exchange, answer(path, response), method);
                }
            }
        };
    }

    private static Response answer(String path, Supplier<Response> response) {
        try {
            return response.get();
        } catch (RuntimeException e) {
            log.warn("{} failed: {}", path, e.toString());
            return Response.text(500, "internal error");
        }
    }

    private static void send(HttpExchange exchange, Response response, String method) throws IOException {
        byte[] body = response.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", response.contentType());
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        if (method.equals("HEAD")) {
            exchange.sendResponseHeaders(response.status(), -1);
            return;
        }
        exchange.sendResponseHeaders(response.status(), body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "health-http-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
