package dev.wharf.runtime.oci;

import static dev.wharf.runtime.oci.OciContent.OCI_MANIFEST;
import static dev.wharf.runtime.oci.OciContent.blob;
import static dev.wharf.runtime.testing.TestRuntime.READER;
import static dev.wharf.runtime.testing.TestRuntime.basic;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.runtime.WharfRuntimeApplication;
import dev.wharf.runtime.proxy.MutableClock;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A tag list a runtime proxied survives its restart with the upstream gone: the upstream is a second runtime, which is
 * stopped; the proxying runtime is restarted on the same data directory and serves its kept copy stale up to the
 * upstream's {@code maxStale}, then the protocol's UNAVAILABLE (no manifest of the repository was pulled, which would
 * have made its tag one of the registry's own); with {@code offline: true} it serves the kept copy without asking, and
 * the manifest pulled before.
 */
class ProxiedDocumentRestartTest {

    private static final String TAGS = "/v2/proxied/public-images/team/app/tags/list";
    private static final String MANIFEST = "/v2/proxied/public-images/team/app/manifests/1.0";

    @TempDir
    Path root;

    private final HttpClient http = HttpClient.newHttpClient();
    private final MutableClock clock = new MutableClock(Instant.now());

    @Test
    void tagListAfterARestartWithTheUpstreamStoppedShouldServeTheKeptCopyUntilMaxStale() throws Exception {
        Path proxying = root.resolve("proxying");
        try (ConfigurableApplicationContext upstream = OciTestRuntime.start(root.resolve("upstream"))) {
            push(OciTestRuntime.base(upstream));
            configure(proxying, OciTestRuntime.base(upstream), false);
            try (ConfigurableApplicationContext first = start(proxying)) {
                HttpResponse<String> fresh = tags(first);
                assertThat(fresh.statusCode()).isEqualTo(200);
                assertThat(fresh.body()).contains("\"tags\":[\"1.0\"]");
                assertThat(fresh.headers().firstValue("X-Wharf-Cache")).contains("MISS");
            }
        }

        clock.advance(Duration.ofMinutes(30));
        try (ConfigurableApplicationContext restarted = start(proxying)) {
            HttpResponse<String> stale = tags(restarted);
            assertThat(stale.statusCode()).isEqualTo(200);
            assertThat(stale.body()).contains("\"tags\":[\"1.0\"]");
            assertThat(stale.headers().firstValue("X-Wharf-Cache")).contains("STALE");
            assertThat(stale.headers().firstValue("X-Wharf-Source")).contains("runtime-upstream");

            clock.advance(Duration.ofHours(2));
            HttpResponse<String> gone = tags(restarted);
            assertThat(gone.statusCode()).isEqualTo(503);
            assertThat(gone.body())
                    .contains("\"code\":\"UNAVAILABLE\"")
                    .contains("no upstream of registry 'proxied' could serve");
        }
    }

    @Test
    void pullAfterARestartWithTheUpstreamOfflineShouldServeTheKeptTagListAndTheManifest() throws Exception {
        Path proxying = root.resolve("proxying");
        try (ConfigurableApplicationContext upstream = OciTestRuntime.start(root.resolve("upstream"))) {
            String base = OciTestRuntime.base(upstream);
            push(base);
            configure(proxying, base, false);
            try (ConfigurableApplicationContext first = start(proxying)) {
                assertThat(tags(first).statusCode()).isEqualTo(200);
                assertThat(get(first, MANIFEST).statusCode()).isEqualTo(200);
            }
            configure(proxying, base, true);
            clock.advance(Duration.ofMinutes(30));
            try (ConfigurableApplicationContext offline = start(proxying)) {
                HttpResponse<String> kept = tags(offline);
                assertThat(kept.statusCode()).isEqualTo(200);
                assertThat(kept.body()).contains("\"tags\":[\"1.0\"]");
                assertThat(kept.headers().firstValue("X-Wharf-Cache")).contains("STALE");
                HttpResponse<String> manifest = get(offline, MANIFEST);
                assertThat(manifest.statusCode()).isEqualTo(200);
                assertThat(manifest.body()).contains("\"schemaVersion\":2");
            }
        }
    }

    /** Pushes an image tagged 1.0 to the upstream's {@code public-images/team/app}, which anyone may read. */
    private static void push(String base) {
        byte[] config = "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] layer = blob(3000);
        byte[] manifest = OciContent.image(OCI_MANIFEST, config, List.of(layer));
        WebTestClient client = WebTestClient.bindToServer().baseUrl(base).build();
        new OciHttp(client)
                .pushImage("/v2/public-images/team/app", "1.0", manifest, OCI_MANIFEST, List.of(config, layer));
    }

    /** Writes a docker Registry {@code proxied} of the upstream runtime at {@code upstream} into the configuration. */
    private static void configure(Path proxying, String upstream, boolean offline) throws IOException {
        Path config = proxying.resolve("config");
        Files.createDirectories(config);
        Files.writeString(config.resolve("proxied.yaml"), """
                apiVersion: wharf.dev/v1alpha1
                kind: Registry
                metadata:
                  name: proxied
                spec:
                  format: docker
                  upstreamProxies: [runtime-upstream]
                  access:
                    usersSecret: test-users
                    rules:
                      - {subjects: [{group: readers}], role: read}
                ---
                apiVersion: wharf.dev/v1alpha1
                kind: UpstreamProxy
                metadata:
                  name: runtime-upstream
                spec:
                  format: docker
                  url: %s
                  offline: %s
                  cache: {metadataTTL: 10m, maxStale: 1h}
                  timeouts: {connect: 1s, response: 5s}
                """.formatted(upstream, offline));
    }

    /** The proxying runtime on {@code root}, whose clock is the test's. */
    private ConfigurableApplicationContext start(Path proxying) {
        return new SpringApplicationBuilder(WharfRuntimeApplication.class)
                .initializers(context -> context.getBeanFactory().registerSingleton("testClock", (Clock) clock))
                .run(OciTestRuntime.arguments(proxying));
    }

    private HttpResponse<String> tags(ConfigurableApplicationContext runtime) throws IOException, InterruptedException {
        return get(runtime, TAGS);
    }

    private HttpResponse<String> get(ConfigurableApplicationContext runtime, String path)
            throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create(OciTestRuntime.base(runtime) + path))
                        .header("Authorization", basic(READER))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
