package dev.wharf.runtime.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Debian's {@code docker-registry} (the CNCF distribution registry) started on a free local port, as the upstream of
 * proxy tests; pushed to over HTTP and stopped by the test.
 */
final class DistributionRegistry implements AutoCloseable {

    static final Path BINARY = Path.of("/usr/bin/docker-registry");

    private final HttpClient http = HttpClient.newHttpClient();
    private final Process process;
    private final String url;

    private DistributionRegistry(Process process, String url) {
        this.process = process;
        this.url = url;
    }

    /** Whether the binary is installed. */
    static boolean installed() {
        return Files.isExecutable(BINARY);
    }

    /** Starts one storing under {@code root}; returns when it answers {@code /v2/}. */
    static DistributionRegistry start(Path root) {
        try {
            Files.createDirectories(root);
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            Path config = root.resolve("config.yml");
            Files.writeString(config, """
                    version: 0.1
                    log:
                      level: error
                    storage:
                      filesystem:
                        rootdirectory: %s
                    http:
                      addr: 127.0.0.1:%d
                    """.formatted(root.resolve("data"), port));
            Process process = new ProcessBuilder(BINARY.toString(), "serve", config.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(root.resolve("registry.log").toFile())
                    .start();
            DistributionRegistry registry = new DistributionRegistry(process, "http://127.0.0.1:" + port);
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> registry.status("/v2/") == 200);
            return registry;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Its base URL, an UpstreamProxy's {@code url}. */
    String url() {
        return url;
    }

    /** Uploads the blobs (POST, then PUT with the digest), then the manifest under {@code reference}. */
    void pushImage(String name, String reference, byte[] manifest, String mediaType, List<byte[]> blobs) {
        blobs.forEach(blob -> pushBlob(name, blob));
        HttpResponse<String> pushed =
                send(HttpRequest.newBuilder(URI.create(url + "/v2/" + name + "/manifests/" + reference))
                        .header("Content-Type", mediaType)
                        .PUT(HttpRequest.BodyPublishers.ofByteArray(manifest))
                        .build());
        assertThat(pushed.statusCode()).as(pushed.body()).isEqualTo(201);
    }

    void pushBlob(String name, byte[] blob) {
        HttpResponse<String> started = send(HttpRequest.newBuilder(URI.create(url + "/v2/" + name + "/blobs/uploads/"))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build());
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        String location = started.headers().firstValue("Location").orElseThrow();
        URI upload = URI.create(url).resolve(location);
        String separator = Objects.requireNonNullElse(upload.getRawQuery(), "").isEmpty() ? "?" : "&";
        HttpResponse<String> finished =
                send(HttpRequest.newBuilder(URI.create(upload + separator + "digest=" + OciContent.digest(blob)))
                        .header("Content-Type", "application/octet-stream")
                        .PUT(HttpRequest.BodyPublishers.ofByteArray(blob))
                        .build());
        assertThat(finished.statusCode()).as(finished.body()).isEqualTo(201);
    }

    /** The upstream's own answer to a GET, to compare the proxy's with. */
    HttpResponse<byte[]> get(String path, String accept) {
        try {
            return http.send(
                    HttpRequest.newBuilder(URI.create(url + path))
                            .header("Accept", accept)
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private int status(String path) {
        return get(path, "application/json").statusCode();
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Stops it and waits until it has exited. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
