package dev.wharf.cli.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wharf.cli.CliException;
import dev.wharf.cli.ExitCodes;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The management API and the formats' own URLs of one server, called with the JDK's HTTP client: JSON in and out,
 * files streamed both ways, redirects never followed (credentials stay with the server they are for), and every
 * answer that is not a success turned into an {@link ApiException} saying what to do next.
 */
public final class ApiClient {

    /** The one JSON mapper of the client. */
    public static final ObjectMapper JSON = new ObjectMapper();

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration TRANSFER_TIMEOUT = Duration.ofHours(1);

    private final URI server;
    private final Credentials credentials;
    private final HttpClient http;

    public ApiClient(URI server, Credentials credentials) {
        this.server = server;
        this.credentials = credentials;
        this.http = HttpClient.newBuilder()
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** The server's base URL, without a trailing slash. */
    public URI server() {
        return server;
    }

    /** A path segment encoded for a URL: {@code @scope/name} stays one segment. */
    public static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** {@code GET path} answered with JSON. */
    public JsonNode get(String path) {
        return json(request(path, CALL_TIMEOUT).GET());
    }

    /** {@code POST path} with a JSON body (none when null), answered with JSON or nothing. */
    public JsonNode post(String path, @Nullable JsonNode body) {
        return json(request(path, CALL_TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(body == null ? HttpRequest.BodyPublishers.noBody() : bodyOf(body)));
    }

    /** {@code PATCH path} with a JSON body. */
    public JsonNode patch(String path, JsonNode body) {
        return json(request(path, CALL_TIMEOUT)
                .header("Content-Type", "application/json")
                .method("PATCH", bodyOf(body)));
    }

    /** {@code DELETE path}. */
    public void delete(String path) {
        send(request(path, CALL_TIMEOUT).DELETE(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** {@code PUT path} with the file's bytes streamed from disk, its sha256 sent for the server to verify. */
    public void upload(String path, Path file, String sha256) {
        HttpRequest.BodyPublisher body;
        try {
            body = HttpRequest.BodyPublishers.ofFile(file);
        } catch (IOException e) {
            throw new CliException(ExitCodes.FAILED, "cannot read " + file + ": " + e.getMessage(), e);
        }
        send(
                request(path, TRANSFER_TIMEOUT)
                        .header("Content-Type", "application/octet-stream")
                        .header("X-Checksum-Sha256", sha256)
                        .PUT(body),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    /** {@code GET path} with the body left to the caller to stream; close it. */
    public HttpResponse<InputStream> download(String path) {
        return send(request(path, TRANSFER_TIMEOUT).GET(), HttpResponse.BodyHandlers.ofInputStream());
    }

    private HttpRequest.Builder request(String path, Duration timeout) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(server + path))
                .timeout(timeout)
                .header("Accept", "application/json, */*;q=0.5")
                .header("User-Agent", "wharf-cli");
        String authorization = credentials.header();
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        return builder;
    }

    private static HttpRequest.BodyPublisher bodyOf(JsonNode body) {
        try {
            return HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body));
        } catch (IOException e) {
            throw new IllegalStateException("a JSON tree that cannot be written", e);
        }
    }

    private JsonNode json(HttpRequest.Builder request) {
        byte[] body = send(request, HttpResponse.BodyHandlers.ofByteArray()).body();
        if (body.length == 0) {
            return JSON.nullNode();
        }
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new CliException(
                    ExitCodes.FAILED,
                    "the server answered " + server + " with something that is not JSON; is this a Wharf runtime?",
                    e);
        }
    }

    private <T> HttpResponse<T> send(HttpRequest.Builder builder, HttpResponse.BodyHandler<T> handler) {
        HttpRequest request = builder.build();
        HttpResponse<T> response;
        try {
            response = http.send(request, handler);
        } catch (ConnectException | HttpConnectTimeoutException e) {
            throw unreachable(e);
        } catch (HttpTimeoutException e) {
            throw new CliException(
                    ExitCodes.FAILED,
                    "the server " + server + " did not answer " + request.method() + " "
                            + request.uri().getRawPath() + " in time",
                    e);
        } catch (IOException e) {
            throw unreachable(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCodes.FAILED, "interrupted", e);
        }
        if (response.statusCode() / 100 != 2) {
            throw Problems.of(response.statusCode(), errorBody(response.body()), credentials, server);
        }
        return response;
    }

    private static byte[] errorBody(Object body) {
        if (body instanceof byte[] bytes) {
            return bytes;
        }
        if (body instanceof InputStream in) {
            try (in) {
                return in.readNBytes(64 * 1024);
            } catch (IOException e) {
                return new byte[0];
            }
        }
        return new byte[0];
    }

    private CliException unreachable(IOException e) {
        return new CliException(
                ExitCodes.UNREACHABLE,
                "cannot reach " + server + " ("
                        + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
                        + "); check the URL and that the runtime is running, or log in to another with"
                        + " `wharf login --server URL`",
                e);
    }
}
