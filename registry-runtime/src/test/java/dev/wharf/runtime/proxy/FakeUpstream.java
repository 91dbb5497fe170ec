package dev.wharf.runtime.proxy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A real HTTP server on a random local port standing in for an upstream: it answers each path as told (404 for the
 * others), records every request with its headers, and can hang (answer only when closed) or go down.
 */
public final class FakeUpstream implements AutoCloseable {

    /** Answers one request. */
    public interface Responder {
        void respond(HttpExchange exchange) throws IOException;
    }

    /** A request the server got: its path with query, its headers with lower-case names, and its method. */
    public record Received(String path, Map<String, List<String>> headers, String method) {

        public String header(String name) {
            List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
            return values == null ? "" : String.join(",", values);
        }
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final Map<String, Responder> routes = new ConcurrentHashMap<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final CountDownLatch closing = new CountDownLatch(1);

    private FakeUpstream() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.setExecutor(threads);
        server.createContext("/", exchange -> {
            try (exchange) {
                String path = exchange.getRequestURI().getRawPath()
                        + (exchange.getRequestURI().getRawQuery() == null
                                ? ""
                                : "?" + exchange.getRequestURI().getRawQuery());
                Map<String, List<String>> headers = new ConcurrentHashMap<>();
                exchange.getRequestHeaders()
                        .forEach((name, values) ->
                                headers.put(name.toLowerCase(java.util.Locale.ROOT), List.copyOf(values)));
                received.add(new Received(path, Map.copyOf(headers), exchange.getRequestMethod()));
                Responder responder = routes.get(path);
                if (responder == null) {
                    send(exchange, 404, new byte[0], Map.of());
                } else {
                    responder.respond(exchange);
                }
            }
        });
        server.start();
    }

    public static FakeUpstream start() throws IOException {
        return new FakeUpstream();
    }

    /** The base URL, such as {@code http://127.0.0.1:40123}. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** Answers {@code path} with {@code status}, {@code body} and {@code headers}. */
    public FakeUpstream serve(String path, int status, byte[] body, Map<String, String> headers) {
        routes.put(path, exchange -> send(exchange, status, body, headers));
        return this;
    }

    /** Answers {@code path} with 200 and {@code body}. */
    public FakeUpstream serve(String path, byte[] body) {
        return serve(path, 200, body, Map.of("Content-Type", "application/octet-stream"));
    }

    public FakeUpstream serve(String path, Responder responder) {
        routes.put(path, responder);
        return this;
    }

    /** Never answers {@code path} until the server is closed: a request to it can only time out. */
    FakeUpstream hang(String path) {
        routes.put(path, exchange -> {
            try {
                closing.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        return this;
    }

    /** The requests received for {@code path}. */
    public List<Received> requests(String path) {
        return received.stream().filter(request -> request.path().equals(path)).toList();
    }

    /** The requests received for {@code path} with {@code method}. */
    public List<Received> requests(String method, String path) {
        return requests(path).stream()
                .filter(request -> request.method().equals(method))
                .toList();
    }

    /** Every request received. */
    public List<Received> requests() {
        return List.copyOf(received);
    }

    /** Stops listening: connections are refused from now on. */
    public void down() {
        closing.countDown();
        server.stop(0);
    }

    @Override
    public void close() {
        down();
        threads.shutdownNow();
    }

    public static void send(HttpExchange exchange, int status, byte[] body, Map<String, String> headers)
            throws IOException {
        headers.forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        if (exchange.getRequestMethod().equals("HEAD")) {
            // The length a GET would have, without the body; the server sets no length for a HEAD itself.
            exchange.getResponseHeaders().set("Content-Length", Integer.toString(body.length));
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        boolean empty = body.length == 0 || status == 304;
        exchange.sendResponseHeaders(status, empty ? -1 : body.length);
        if (!empty) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
