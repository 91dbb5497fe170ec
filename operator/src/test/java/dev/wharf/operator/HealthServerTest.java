package dev.wharf.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.wharf.operator.ReadinessCheck.Readiness;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The health server on an ephemeral port, asked with the JDK's HTTP client as a kubelet or Prometheus would. */
class HealthServerTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final AtomicBoolean ready = new AtomicBoolean();
    private final PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private HealthServer server;

    @BeforeEach
    void start() throws IOException {
        server = HealthServer.start(
                new InetSocketAddress("127.0.0.1", 0),
                () -> ready.get() ? Readiness.ready("all synced") : Readiness.notReady("informers are syncing"),
                metrics);
    }

    @AfterEach
    void stop() {
        server.stop(Duration.ZERO);
        http.close();
        metrics.close();
    }

    @Test
    void healthzWhenTheProcessRunsShouldAnswer200() throws Exception {
        HttpResponse<String> response = get("/healthz");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("ok\n");
    }

    @Test
    void readyzWhenTheOperatorIsNotReadyShouldAnswer503WithTheReason() throws Exception {
        HttpResponse<String> response = get("/readyz");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).isEqualTo("informers are syncing\n");
    }

    @Test
    void readyzWhenTheOperatorIsReadyShouldAnswer200() throws Exception {
        ready.set(true);

        HttpResponse<String> response = get("/readyz");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("all synced\n");
    }

    @Test
    void readyzWhenTheCheckFailsShouldAnswer500WithoutItsMessage() throws Exception {
        server.stop(Duration.ZERO);
        server = HealthServer.start(
                new InetSocketAddress("127.0.0.1", 0),
                () -> {
                    throw new IllegalStateException("token=s3cr3t");
                },
                metrics);

        HttpResponse<String> response = get("/readyz");

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).isEqualTo("internal error\n").doesNotContain("s3cr3t");
    }

    @Test
    void metricsWhenAMeterIsRegisteredShouldServeItAsPrometheusText() throws Exception {
        metrics.counter("wharf.test.events", "kind", "UpstreamProxy").increment(3);

        HttpResponse<String> response = get("/metrics");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
        assertThat(response.body()).contains("wharf_test_events_total{kind=\"UpstreamProxy\"} 3.0");
    }

    @Test
    void requestWhenMethodIsNotGetShouldAnswer405() throws Exception {
        HttpRequest post = HttpRequest.newBuilder(uri("/healthz"))
                .timeout(TIMEOUT)
                .POST(HttpRequest.BodyPublishers.ofString("x"))
                .build();

        HttpResponse<String> response = http.send(post, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).hasValue("GET, HEAD");
    }

    @Test
    void requestWhenPathOnlyStartsWithAnEndpointShouldAnswer404() throws Exception {
        assertThat(get("/healthz/extra").statusCode()).isEqualTo(404);
        assertThat(get("/").statusCode()).isEqualTo(404);
    }

    @Test
    void headWhenTheProcessRunsShouldAnswer200WithoutABody() throws Exception {
        HttpRequest head = HttpRequest.newBuilder(uri("/healthz"))
                .timeout(TIMEOUT)
                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                .build();

        HttpResponse<String> response = http.send(head, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEmpty();
    }

    @Test
    void stopWhenCalledShouldCloseThePort() throws Exception {
        server.stop(Duration.ZERO);

        assertThatExceptionOfType(ConnectException.class).isThrownBy(() -> get("/healthz"));
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        HttpRequest request =
                HttpRequest.newBuilder(uri(path)).timeout(TIMEOUT).GET().build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }
}
