package dev.wharf.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.runtime.testing.TestRuntime;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * {@code wharf.metrics.port}: the metrics on their own port, which serves nothing else, and refused on the main port
 * that an Ingress routes.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
@AutoConfigureMetrics // Spring Boot tests export no metrics unless asked: the Prometheus registry is under test here.
class MetricsPortTest {

    private static final int METRICS_PORT = freePort();

    @TempDir
    static Path root;

    @DynamicPropertySource
    static void configure(DynamicPropertyRegistry registry) {
        TestRuntime.configure(registry, root);
        registry.add("wharf.metrics.port", () -> METRICS_PORT);
    }

    @Autowired
    private WebTestClient client;

    @Test
    void scrapeOnTheMetricsPortShouldServeThePrometheusText() throws Exception {
        HttpResponse<String> scrape = get("/actuator/prometheus");

        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.headers().firstValue("Content-Type")).contains("text/plain; version=0.0.4; charset=utf-8");
        assertThat(scrape.body())
                .contains("# TYPE jvm_memory_used_bytes gauge")
                .contains("jvm_memory_used_bytes{application=\"wharf-registry-runtime\"");
    }

    @Test
    void theMetricsPortShouldServeNothingElse() throws Exception {
        HttpResponse<String> status = get("/api/v1/status");
        HttpResponse<String> health = get("/actuator/health/readiness");

        assertThat(status.statusCode()).isEqualTo(404);
        assertThat(health.statusCode()).isEqualTo(404);
        assertThat(status.body()).isEqualTo("only /actuator/prometheus is served on this port\n");
    }

    @Test
    void scrapeOnTheMainPortWhenAMetricsPortIsSetShouldAnswer404NamingIt() {
        client.get()
                .uri("/actuator/prometheus")
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.detail")
                .isEqualTo("metrics are served on port " + METRICS_PORT + " (wharf.metrics.port), not on this port");
    }

    @Test
    void probesOnTheMainPortShouldStillAnswer() {
        client.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
    }

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + METRICS_PORT + path))
                                .timeout(Duration.ofSeconds(10))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
