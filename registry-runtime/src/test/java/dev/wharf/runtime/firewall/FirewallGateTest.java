package dev.wharf.runtime.firewall;

import static dev.wharf.runtime.testing.TestRuntime.READER;
import static dev.wharf.runtime.testing.TestRuntime.WRITER;
import static dev.wharf.runtime.testing.TestRuntime.basic;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.runtime.WharfRuntimeApplication;
import dev.wharf.runtime.metadata.MetadataDatabase;
import dev.wharf.runtime.testing.TestRuntime;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The firewall in a proxy registry's reads (a generic registry in front of a second runtime): a version a block rule
 * matches is refused with its reason before it is served, one a warn rule matches is served flagged in
 * {@code X-Wharf-Firewall}, and each verdict is stored once, not per request.
 */
class FirewallGateTest {

    @TempDir
    Path root;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void readThroughAGuardedUpstreamShouldRefuseBlockedVersionsFlagWarnedOnesAndStoreEachVerdictOnce()
            throws Exception {
        try (ConfigurableApplicationContext upstream = start(root.resolve("upstream"))) {
            String base = base(upstream);
            assertThat(put(base, "/generic/public-files/app/1.0/app.txt", "allowed"))
                    .isEqualTo(201);
            assertThat(put(base, "/generic/public-files/event-stream/3.3.6/index.js", "malicious"))
                    .isEqualTo(201);
            Path mirror = root.resolve("mirror");
            configureMirror(mirror, base + "/generic/public-files");
            try (ConfigurableApplicationContext proxying = start(mirror)) {
                HttpResponse<String> blocked = get(proxying, "/generic/mirror/event-stream/3.3.6/index.js");
                assertThat(blocked.statusCode()).isEqualTo(403);
                assertThat(blocked.headers().firstValue("Content-Type")).contains("application/problem+json");
                assertThat(blocked.body())
                        .contains("\"title\":\"Blocked\"")
                        .contains(
                                "event-stream@3.3.6 is blocked by the dependency firewall: pkg:generic/event-stream@3.3.6"
                                        + " matches pkg:generic/event-stream@3.3.6; policy supply-chain rule banned denies it");

                HttpResponse<String> warned = get(proxying, "/generic/mirror/app/1.0/app.txt");
                assertThat(warned.statusCode()).isEqualTo(200);
                assertThat(warned.body()).isEqualTo("allowed");
                assertThat(warned.headers().firstValue("X-Wharf-Firewall"))
                        .contains("WARNING; publish time unknown; policy supply-chain rule cooldown needs 72 h, and"
                                + " failMode closed treats what cannot be decided as a match");

                HttpResponse<String> again = get(proxying, "/generic/mirror/app/1.0/app.txt");
                assertThat(again.statusCode()).isEqualTo(200);
                assertThat(again.headers().firstValue("X-Wharf-Cache")).contains("HIT");
                assertThat(again.headers().firstValue("X-Wharf-Firewall"))
                        .hasValueSatisfying(value -> assertThat(value).startsWith("WARNING; "));

                MetadataDatabase database = proxying.getBean(MetadataDatabase.class);
                List<Map<String, Object>> verdicts = database.client()
                        .sql("SELECT package_name, version, decision FROM firewall_verdict ORDER BY package_name")
                        .fetch()
                        .all()
                        .collectList()
                        .block();
                assertThat(verdicts)
                        .extracting(
                                row -> row.get("package_name") + "@" + row.get("version") + " " + row.get("decision"))
                        .containsExactly("app@1.0 WARNING", "event-stream@3.3.6 BLOCKED");
            }
        }
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
                ---
                apiVersion: wharf.dev/v1alpha1
                kind: FirewallPolicy
                metadata:
                  name: supply-chain
                spec:
                  targets: {upstreamProxies: [files-upstream]}
                  mode: enforce
                  rules:
                    - {name: banned, packages: {deny: ['pkg:generic/event-stream@3.3.6']}, action: block}
                    - {name: cooldown, minimumAge: 72h, action: warn}
                """.formatted(upstreamUrl));
    }

    private static ConfigurableApplicationContext start(Path root) {
        Path config = root.resolve("config");
        if (!Files.exists(config)) {
            TestRuntime.writeConfiguration(config);
        }
        return new SpringApplicationBuilder(WharfRuntimeApplication.class)
                .run(
                        "--server.port=0",
                        "--wharf.config-dir=" + config,
                        "--wharf.data-dir=" + root.resolve("data"),
                        "--wharf.secrets.dir=" + root.resolve("no-mounted-secrets"),
                        "--wharf.config-watch.enabled=false");
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
