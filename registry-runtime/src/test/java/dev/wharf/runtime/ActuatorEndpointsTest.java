package dev.wharf.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.runtime.testing.TestRuntime;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The probes and the metrics endpoint that kubelet and Prometheus use, served by the running application. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
@AutoConfigureMetrics // Spring Boot tests export no metrics unless asked: the Prometheus registry is under test here.
class ActuatorEndpointsTest {

    @TempDir
    static Path root;

    @DynamicPropertySource
    static void configure(DynamicPropertyRegistry registry) {
        TestRuntime.configure(registry, root);
    }

    @Autowired
    private WebTestClient client;

    @Test
    void livenessWhenApplicationStartedShouldBeUp() {
        client.get()
                .uri("/actuator/health/liveness")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("UP");
    }

    @Test
    void readinessWhenApplicationStartedShouldBeUp() {
        client.get()
                .uri("/actuator/health/readiness")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("UP");
    }

    @Test
    void prometheusWhenScrapedShouldServeJvmMetricsAsText() {
        String body = client.get()
                .uri("/actuator/prometheus")
                .accept(MediaType.TEXT_PLAIN)
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.TEXT_PLAIN)
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();

        assertThat(body)
                .contains("# TYPE jvm_memory_used_bytes gauge")
                .contains("jvm_memory_used_bytes{application=\"wharf-registry-runtime\"");
    }

    @Test
    void envWhenRequestedShouldNotBeExposed() {
        client.get().uri("/actuator/env").exchange().expectStatus().isNotFound();
    }
}
