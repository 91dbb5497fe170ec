package dev.wharf.runtime.oci;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * An upstream that forwards every request to a {@link DistributionRegistry} and records it ({@code "HEAD /v2/..."}),
 * so that a test can count what the proxy asked. A path can be held (its GET sends the first bytes of the body, then
 * waits for the test to let the rest go) or corrupted.
 */
final class RecordingUpstream implements AutoCloseable {

    private static final Set<String> FORWARDED = Set.of("accept", "authorization", "if-none-match", "range");
    private static final Set<String> NOT_COPIED = Set.of("content-length", "transfer-encoding", "connection", "date");

    private final String target;
    private final HttpClient http = HttpClient.newHttpClient();
    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final Map<String, Hold> holds = new ConcurrentHashMap<>();
    private final Set<String> corrupted = ConcurrentHashMap.newKeySet();

    /** A held path: {@code first} bytes are sent at once, the rest when {@code release} counts down. */
    record Hold(int first, CountDownLatch release) {}

    private RecordingUpstream(String target) throws IOException {
        this.target = target;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.setExecutor(threads);
        server.createContext("/", this::forward);
        server.start();
    }

    /** Starts one in front of the registry at {@code target}. */
    static RecordingUpstream forwardingTo(String target) throws IOException {
        return new RecordingUpstream(target);
    }

    /** The base URL, an UpstreamProxy's {@code url}. */
    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** How many requests with {@code method} for {@code path} it forwarded. */
    long count(String method, String path) {
        return received.stream().filter((method + " " + path)::equals).count();
    }

    /** Sends the first {@code first} bytes of a GET of {@code path}, the rest once {@code release} counts down. */
    void hold(String path, int first, CountDownLatch release) {
        holds.put(path, new Hold(first, release));
    }

    /** Sends the body of a GET of {@code path} with its last byte changed, as a broken upstream or cache might. */
    void corrupt(String path) {
        corrupted.add(path);
    }

    private void forward(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            URI uri = exchange.getRequestURI();
            String path = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
            received.add(method + " " + path);
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target + path))
                    .method(method, HttpRequest.BodyPublishers.noBody());
            exchange.getRequestHeaders().forEach((name, values) -> {
                if (FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
                    values.forEach(value -> request.header(name, value));
                }
            });
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            response.headers().map().forEach((name, values) -> {
                if (!NOT_COPIED.contains(name.toLowerCase(Locale.ROOT))) {
                    exchange.getResponseHeaders().put(name, values);
                }
            });
            byte[] body = response.body();
            int status = response.statusCode();
            if (method.equals("HEAD") || status == 304 || body.length == 0) {
                response.headers()
                        .firstValue("Content-Length")
                        .ifPresent(length -> exchange.getResponseHeaders().set("Content-Length", length));
                exchange.sendResponseHeaders(status, -1);
                return;
            }
            if (corrupted.contains(path)) {
                body[body.length - 1]++;
            }
            exchange.sendResponseHeaders(status, body.length);
            Hold hold = holds.get(path);
            try (OutputStream out = exchange.getResponseBody()) {
                if (hold == null) {
                    out.write(body);
                    return;
                }
                out.write(body, 0, hold.first());
                out.flush();
                hold.release().await(60, TimeUnit.SECONDS);
                out.write(body, hold.first(), body.length - hold.first());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
