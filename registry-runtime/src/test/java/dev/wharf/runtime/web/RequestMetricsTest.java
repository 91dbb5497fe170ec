package dev.wharf.runtime.web;

import static dev.wharf.runtime.testing.TestRuntime.READER;
import static dev.wharf.runtime.testing.TestRuntime.WRITER;
import static dev.wharf.runtime.testing.TestRuntime.basic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.wharf.runtime.testing.TestRuntime;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The registry routes' own metrics ({@code wharf.requests}, {@code wharf.bytes.*}), tagged by registry, format, method
 * and status, and the framework's {@code http.server.requests} kept for the management API only.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class RequestMetricsTest {

    @TempDir
    static Path root;

    @DynamicPropertySource
    static void configure(DynamicPropertyRegistry registry) {
        TestRuntime.configure(registry, root);
    }

    @Autowired
    private WebTestClient client;

    @Autowired
    private MeterRegistry meters;

    @Test
    void aDownloadShouldBeTimedAndItsBytesCountedUnderItsRegistryAndFormat() {
        String url = "/generic/files/" + UUID.randomUUID() + "/1.0/a.bin";
        client.put()
                .uri(url)
                .header(HttpHeaders.AUTHORIZATION, basic(WRITER))
                .bodyValue(new byte[] {1, 2, 3, 4, 5})
                .exchange()
                .expectStatus()
                .isCreated();
        double before = requests("files", "GET", "200");
        double bytesBefore = counted("wharf.bytes.out", "files");

        for (int i = 0; i < 3; i++) {
            client.get()
                    .uri(url)
                    .header(HttpHeaders.AUTHORIZATION, basic(READER))
                    .exchange()
                    .expectStatus()
                    .isOk();
        }

        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(requests("files", "GET", "200")).isEqualTo(before + 3));
        assertThat(counted("wharf.bytes.out", "files")).isEqualTo(bytesBefore + 15);
        assertThat(counted("wharf.bytes.in", "files")).isGreaterThanOrEqualTo(5);
    }

    @Test
    void aRegistryNameThatIsNotConfiguredShouldBeCountedAsUnknownNotAsANewSeries() {
        String madeUp = "no-such-" + UUID.randomUUID();
        double before = requests("unknown", "GET", "404");

        client.get()
                .uri("/generic/" + madeUp + "/p/1/f")
                .exchange()
                .expectStatus()
                .isNotFound();

        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(
                        () -> assertThat(requests("unknown", "GET", "404")).isEqualTo(before + 1));
        assertThat(meters.find("wharf.requests").tag("registry", madeUp).timers())
                .isEmpty();
    }

    @Test
    void theFrameworkShouldObserveTheManagementApiButNotTheFormatRoutes() {
        client.get()
                .uri("/generic/files/absent/1/f")
                .header(HttpHeaders.AUTHORIZATION, basic(READER))
                .exchange()
                .expectStatus()
                .isNotFound();
        client.get()
                .uri("/api/v1/registries")
                .header(HttpHeaders.AUTHORIZATION, basic(READER))
                .exchange()
                .expectStatus()
                .isOk();

        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(meters.find("http.server.requests")
                                .tag("uri", "/api/v1/registries")
                                .timers())
                        .isNotEmpty());
        assertThat(meters.find("http.server.requests").timers())
                .noneMatch(timer -> String.valueOf(timer.getId().getTag("uri")).startsWith("/generic"));
    }

    private double requests(String registry, String method, String status) {
        Timer timer = meters.find("wharf.requests")
                .tags("registry", registry, "format", "generic", "method", method, "status", status)
                .timer();
        return timer == null ? 0 : timer.count();
    }

    private double counted(String name, String registry) {
        Counter counter = meters.find(name).tag("registry", registry).counter();
        return counter == null ? 0 : counter.count();
    }
}
