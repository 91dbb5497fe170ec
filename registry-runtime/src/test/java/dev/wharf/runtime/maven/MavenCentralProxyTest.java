package dev.wharf.runtime.maven;

import static dev.wharf.runtime.testing.TestRuntime.READER;
import static dev.wharf.runtime.testing.TestRuntime.WRITER;
import static dev.wharf.runtime.testing.TestRuntime.basic;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.runtime.testing.TestRuntime;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A proxy of the real Maven Central, run only when {@code WHARF_TEST_MAVEN_CENTRAL=1} asks for it (the rest of the
 * suite proxies local upstreams, so it stays deterministic): a small real artifact comes through with the checksums
 * Central publishes for it, and its {@code maven-metadata.xml} merges Central's versions with the registry's own.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@EnabledIfEnvironmentVariable(named = "WHARF_TEST_MAVEN_CENTRAL", matches = "1")
class MavenCentralProxyTest {

    private static final String CENTRAL = "https://repo.maven.apache.org/maven2";
    private static final String HAMCREST = "/org/hamcrest/hamcrest-core";
    private static final String JAR = HAMCREST + "/1.3/hamcrest-core-1.3.jar";

    @TempDir
    static Path root;

    @DynamicPropertySource
    static void configure(DynamicPropertyRegistry registry) {
        TestRuntime.configure(registry, root);
        MavenTestRuntime.write(root.resolve("config"), "central.yaml", """
                apiVersion: wharf.dev/v1alpha1
                kind: Registry
                metadata:
                  name: central-proxy
                spec:
                  format: maven
                  upstreamProxies: [maven-central]
                  access:
                    usersSecret: test-users
                    rules:
                      - {subjects: [{group: readers}], role: read}
                      - {subjects: [{group: writers}], role: write}
                ---
                apiVersion: wharf.dev/v1alpha1
                kind: UpstreamProxy
                metadata:
                  name: maven-central
                spec:
                  format: maven
                  url: %s
                """.formatted(CENTRAL));
    }

    @LocalServerPort
    private int port;

    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(20))
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();

    @Test
    void jarThroughTheProxyShouldHaveTheBytesAndChecksumsCentralPublishes() throws Exception {
        HttpResponse<byte[]> jar = proxy(JAR);

        assertThat(jar.statusCode()).isEqualTo(200);
        assertThat(jar.headers().firstValue("X-Wharf-Source")).contains("maven-central");
        assertThat(jar.body()).isEqualTo(central(JAR).body());
        String publishedSha1 = text(central(JAR + ".sha1")).strip().split("\\s+")[0];
        assertThat(ChecksumAlgorithm.SHA1.of(jar.body())).isEqualTo(publishedSha1);
        assertThat(text(proxy(JAR + ".sha1"))).isEqualTo(publishedSha1);
        assertThat(text(proxy(JAR + ".md5"))).isEqualTo(ChecksumAlgorithm.MD5.of(jar.body()));
        assertThat(text(proxy(JAR + ".sha256"))).isEqualTo(ChecksumAlgorithm.SHA256.of(jar.body()));
        assertThat(text(proxy(JAR + ".sha512"))).isEqualTo(ChecksumAlgorithm.SHA512.of(jar.body()));
        assertThat(proxy(JAR).body()).as("served again, from the cache").isEqualTo(jar.body());
    }

    @Test
    void metadataThroughTheProxyShouldMergeCentralsVersionsWithTheRegistrysOwn() throws Exception {
        String own = HAMCREST + "/99.0-wharf/hamcrest-core-99.0-wharf.pom";
        HttpResponse<String> deployed = http.send(
                HttpRequest.newBuilder(URI.create(url(own)))
                        .header("Authorization", basic(WRITER))
                        .PUT(HttpRequest.BodyPublishers.ofString("<project/>"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(deployed.statusCode()).as(deployed.body()).isEqualTo(201);

        HttpResponse<byte[]> served = proxy(HAMCREST + "/maven-metadata.xml");

        assertThat(served.statusCode()).isEqualTo(200);
        MavenMetadata merged = MavenMetadata.parse(served.body());
        MavenMetadata central =
                MavenMetadata.parse(central(HAMCREST + "/maven-metadata.xml").body());
        assertThat(merged.versions())
                .containsAll(central.versions())
                .contains("1.3", "99.0-wharf")
                .endsWith("99.0-wharf");
        assertThat(merged.release()).isEqualTo("99.0-wharf");
        assertThat(merged.latest()).isEqualTo("99.0-wharf");
        assertThat(text(proxy(HAMCREST + "/maven-metadata.xml.sha1")))
                .isEqualTo(ChecksumAlgorithm.SHA1.of(served.body()));
    }

    private HttpResponse<byte[]> proxy(String path) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create(url(path)))
                        .header("Authorization", basic(READER))
                        .timeout(Duration.ofSeconds(60))
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private HttpResponse<byte[]> central(String path) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = http.send(
                HttpRequest.newBuilder(URI.create(CENTRAL + path))
                        .timeout(Duration.ofSeconds(60))
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).as("Maven Central's %s", path).isEqualTo(200);
        return response;
    }

    private String url(String path) {
        return "http://localhost:" + port + "/maven/central-proxy" + path;
    }

    private static String text(HttpResponse<byte[]> response) {
        assertThat(response.statusCode()).as(response.uri().toString()).isEqualTo(200);
        return new String(response.body(), StandardCharsets.UTF_8);
    }
}
