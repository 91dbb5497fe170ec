package dev.wharf.runtime.maven;

import static dev.wharf.runtime.testing.TestRuntime.READER;
import static dev.wharf.runtime.testing.TestRuntime.WRITER;
import static dev.wharf.runtime.testing.TestRuntime.basic;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.runtime.WharfRuntimeApplication;
import dev.wharf.runtime.testing.TestRuntime;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A maven registry with an upstream proxy (a second runtime): files it does not hold come from the upstream and are
 * kept with their checksums, and {@code maven-metadata.xml} lists the versions of both, {@code latest} and
 * {@code release} recomputed; the kept files and documents are served once the upstream is gone.
 */
class MavenProxyTest {

    private static final String LIB = "/org/example/lib";

    @TempDir
    Path root;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void readThroughAnUpstreamShouldKeepItsFilesAndMergeItsMetadataWithTheRegistrysOwn() throws Exception {
        Path mirror = root.resolve("mirror");
        try (ConfigurableApplicationContext upstream = start(upstreamConfig(root.resolve("upstream")))) {
            String base = base(upstream) + "/maven/public-jars";
            assertThat(put(base + LIB + "/1.0/lib-1.0.pom", "<project>1.0</project>"))
                    .isEqualTo(201);
            assertThat(put(base + LIB + "/1.0/lib-1.0.jar", "the 1.0 jar")).isEqualTo(201);
            assertThat(put(base + LIB + "/2.0/lib-2.0.pom", "<project>2.0</project>"))
                    .isEqualTo(201);
            try (ConfigurableApplicationContext proxying = start(mirrorConfig(mirror, base))) {
                String own = base(proxying) + "/maven/mirror";
                assertThat(put(own + LIB + "/3.0-SNAPSHOT/lib-3.0-20261207.090000-1.pom", "<project>3</project>"))
                        .isEqualTo(201);

                HttpResponse<String> jar = get(own + LIB + "/1.0/lib-1.0.jar");
                assertThat(jar.statusCode()).isEqualTo(200);
                assertThat(jar.body()).isEqualTo("the 1.0 jar");
                assertThat(jar.headers().firstValue("X-Wharf-Source")).contains("jars-upstream");
                assertThat(get(own + LIB + "/1.0/lib-1.0.jar.sha1").body())
                        .isEqualTo(ChecksumAlgorithm.SHA1.of(bytes("the 1.0 jar")));

                HttpResponse<String> metadata = get(own + LIB + "/maven-metadata.xml");
                assertThat(metadata.statusCode()).isEqualTo(200);
                assertThat(metadata.body())
                        .contains("<latest>3.0-SNAPSHOT</latest>")
                        .contains("<release>2.0</release>")
                        .contains("<versions>\n      <version>1.0</version>\n      <version>2.0</version>\n"
                                + "      <version>3.0-SNAPSHOT</version>\n    </versions>");
                assertThat(get(own + LIB + "/maven-metadata.xml.sha1").body())
                        .isEqualTo(ChecksumAlgorithm.SHA1.of(bytes(metadata.body())));

                assertThat(get(own + "/org/example/nowhere/maven-metadata.xml").statusCode())
                        .isEqualTo(404);
            }
        }
        try (ConfigurableApplicationContext alone = start(mirrorConfig(mirror, "http://localhost:9"))) {
            String own = base(alone) + "/maven/mirror";
            HttpResponse<String> kept = get(own + LIB + "/1.0/lib-1.0.jar");
            assertThat(kept.statusCode()).isEqualTo(200);
            assertThat(kept.body()).isEqualTo("the 1.0 jar");
            HttpResponse<String> unreachable = get(own + LIB + "/2.0/lib-2.0.jar");
            assertThat(unreachable.statusCode()).isEqualTo(502);
            assertThat(unreachable.body()).contains("no upstream proxy could serve it");
        }
    }

    private static Map<String, String> upstreamConfig(Path root) throws IOException {
        Path config = root.resolve("config");
        TestRuntime.writeConfiguration(config);
        Files.writeString(config.resolve("public-jars.yaml"), """
                apiVersion: wharf.dev/v1alpha1
                kind: Registry
                metadata:
                  name: public-jars
                spec:
                  format: maven
                  access:
                    anonymousRead: true
                    usersSecret: test-users
                    rules:
                      - {subjects: [{group: writers}], role: write}
                """);
        return properties(root);
    }

    private static Map<String, String> mirrorConfig(Path root, String upstreamUrl) throws IOException {
        Path config = root.resolve("config");
        TestRuntime.writeConfiguration(config);
        Files.writeString(config.resolve("mirror.yaml"), """
                apiVersion: wharf.dev/v1alpha1
                kind: Registry
                metadata:
                  name: mirror
                spec:
                  format: maven
                  upstreamProxies: [jars-upstream]
                  access:
                    usersSecret: test-users
                    rules:
                      - {subjects: [{group: readers}], role: read}
                      - {subjects: [{group: writers}], role: write}
                ---
                apiVersion: wharf.dev/v1alpha1
                kind: UpstreamProxy
                metadata:
                  name: jars-upstream
                spec:
                  format: maven
                  url: %s
                  timeouts: {connect: 1s, response: 5s}
                """.formatted(upstreamUrl));
        return properties(root);
    }

    private static Map<String, String> properties(Path root) {
        return Map.of(
                "server.port", "0",
                "wharf.config-dir", root.resolve("config").toString(),
                "wharf.data-dir", root.resolve("data").toString(),
                "wharf.secrets.dir", root.resolve("no-mounted-secrets").toString(),
                "wharf.config-watch.enabled", "false");
    }

    private static ConfigurableApplicationContext start(Map<String, String> properties) {
        String[] arguments = properties.entrySet().stream()
                .map(property -> "--" + property.getKey() + "=" + property.getValue())
                .toArray(String[]::new);
        return new SpringApplicationBuilder(WharfRuntimeApplication.class).run(arguments);
    }

    private static String base(ConfigurableApplicationContext context) {
        return "http://localhost:" + context.getEnvironment().getProperty("local.server.port");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private int put(String url, String body) throws IOException, InterruptedException {
        return http.send(
                        HttpRequest.newBuilder(URI.create(url))
                                .header("Authorization", basic(WRITER))
                                .PUT(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    private HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("Authorization", basic(READER))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
