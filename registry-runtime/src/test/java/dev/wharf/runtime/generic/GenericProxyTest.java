package dev.wharf.runtime.generic;

import static dev.wharf.runtime.testing.TestRuntime.READER;
import static dev.wharf.runtime.testing.TestRuntime.WRITER;
import static dev.wharf.runtime.testing.TestRuntime.basic;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.runtime.WharfRuntimeApplication;
import dev.wharf.runtime.read.ReadBlockedException;
import dev.wharf.runtime.read.ReadGate;
import dev.wharf.runtime.read.ReadPipeline;
import dev.wharf.runtime.testing.TestRuntime;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import reactor.core.publisher.Mono;

/**
 * A generic registry with an upstream proxy reads through the core's pipeline: what it does not store comes from the
 * upstream (a second runtime) and is kept, served from here once the upstream is gone; a gate refuses what it blocks
 * before anything is fetched; every answer says where it came from, and the reads are counted by outcome.
 */
class GenericProxyTest {

    @TempDir
    Path root;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void readThroughAnUpstreamShouldFetchKeepServeAfterTheUpstreamStopsAndHonourTheGate() throws Exception {
        Path mirror = root.resolve("mirror");
        try (ConfigurableApplicationContext upstream = start(properties(root.resolve("upstream")), null)) {
            String base = base(upstream);
            assertThat(put(base, "/generic/public-files/app/1.0/docs/a.txt", "from the upstream"))
                    .isEqualTo(201);
            assertThat(put(base, "/generic/public-files/blocked-tool/1.0/b.txt", "never served"))
                    .isEqualTo(201);
            configureMirror(mirror, base + "/generic/public-files");
            try (ConfigurableApplicationContext proxying = start(properties(mirror), blockingGate())) {
                HttpResponse<String> miss = get(proxying, "/generic/mirror/app/1.0/docs/a.txt");
                assertThat(miss.statusCode()).isEqualTo(200);
                assertThat(miss.body()).isEqualTo("from the upstream");
                assertThat(miss.headers().firstValue("X-Wharf-Source")).contains("files-upstream");
                assertThat(miss.headers().firstValue("X-Wharf-Cache")).contains("MISS");

                HttpResponse<String> hit = get(proxying, "/generic/mirror/app/1.0/docs/a.txt");
                assertThat(hit.statusCode()).isEqualTo(200);
                assertThat(hit.headers().firstValue("X-Wharf-Cache")).contains("HIT");
                assertThat(hit.headers().firstValue("X-Checksum-Sha256")).isPresent();

                HttpResponse<String> blocked = get(proxying, "/generic/mirror/blocked-tool/1.0/b.txt");
                assertThat(blocked.statusCode()).isEqualTo(403);
                assertThat(blocked.headers().firstValue("Content-Type")).contains("application/problem+json");
                assertThat(blocked.body()).contains("\"title\":\"Blocked\"").contains("blocked-tool@1.0 is blocked");

                MeterRegistry meters = proxying.getBean(MeterRegistry.class);
                assertThat(reads(meters, "upstream_miss")).isEqualTo(1);
                assertThat(reads(meters, "own")).isEqualTo(1);
                assertThat(reads(meters, "blocked")).isEqualTo(1);
            }
        }
        try (ConfigurableApplicationContext alone = start(properties(mirror), blockingGate())) {
            HttpResponse<String> kept = get(alone, "/generic/mirror/app/1.0/docs/a.txt");
            assertThat(kept.statusCode()).isEqualTo(200);
            assertThat(kept.body()).isEqualTo("from the upstream");
            assertThat(kept.headers().firstValue("X-Wharf-Source")).contains("files-upstream");

            HttpResponse<String> unreachable = get(alone, "/generic/mirror/app/1.0/docs/other.txt");
            assertThat(unreachable.statusCode()).isEqualTo(502);
            assertThat(unreachable.body())
                    .contains("the file is not stored here and no upstream proxy could serve it")
                    .contains("files-upstream");
        }
    }

    private static double reads(MeterRegistry meters, String outcome) {
        return meters.get(ReadPipeline.READS)
                .tag("registry", "mirror")
                .tag("outcome", outcome)
                .counter()
                .count();
    }

    /** A gate as the firewall will be one: it refuses every package whose name starts with {@code blocked-}. */
    private static ReadGate blockingGate() {
        return (registry, subject, origin) -> subject.packageName().startsWith("blocked-")
                ? Mono.error(new ReadBlockedException(subject + " is blocked by the test's gate"))
                : Mono.empty();
    }

    private static void configureMirror(Path mirror, String upstreamUrl) throws IOException {
        Path config = mirror.resolve("config");
        TestRuntime.writeConfiguration(config);
        Files.writeString(config.resolve("mirror.yaml"), """
                apiVersion: wharf.dev/v1alpha1
                kind: Registry
                metadata:
                  name: mirror
                spec:
                  format: generic
                  upstreamProxies: [files-upstream]
                  access:
                    usersSecret: test-users
                    rules:
                      - {subjects: [{group: readers}], role: read}
                ---
                apiVersion: wharf.dev/v1alpha1
                kind: UpstreamProxy
                metadata:
                  name: files-upstream
                spec:
                  format: generic
                  url: %s
                  timeouts: {connect: 1s, response: 5s}
                """.formatted(upstreamUrl));
    }

    private static Map<String, String> properties(Path root) {
        Path config = root.resolve("config");
        if (!Files.exists(config)) {
            TestRuntime.writeConfiguration(config);
        }
        return Map.of(
                "server.port", "0",
                "wharf.config-dir", config.toString(),
                "wharf.data-dir", root.resolve("data").toString(),
                "wharf.secrets.dir", root.resolve("no-mounted-secrets").toString(),
                "wharf.config-watch.enabled", "false");
    }

    private static ConfigurableApplicationContext start(Map<String, String> properties, ReadGate gate) {
        String[] arguments = properties.entrySet().stream()
                .map(property -> "--" + property.getKey() + "=" + property.getValue())
                .collect(Collectors.toList())
                .toArray(String[]::new);
        SpringApplicationBuilder builder = new SpringApplicationBuilder(WharfRuntimeApplication.class);
        if (gate != null) {
            builder.initializers(context -> context.getBeanFactory().registerSingleton("testGate", gate));
        }
        return builder.run(arguments);
    }

    private static String base(ConfigurableApplicationContext context) {
        return "http://localhost:" + context.getEnvironment().getProperty("local.server.port");
    }

    private int put(String base, String path, String body) throws IOException, InterruptedException {
        return http.send(
                        HttpRequest.newBuilder(URI.create(base + path))
                                .header("Authorization", basic(WRITER))
                                .PUT(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    private HttpResponse<String> get(ConfigurableApplicationContext runtime, String path)
            throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create(base(runtime) + path))
                        .header("Authorization", basic(READER))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
