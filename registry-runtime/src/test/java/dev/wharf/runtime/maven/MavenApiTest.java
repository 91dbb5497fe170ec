package dev.wharf.runtime.maven;

import static dev.wharf.runtime.testing.TestRuntime.DELETER;
import static dev.wharf.runtime.testing.TestRuntime.READER;
import static dev.wharf.runtime.testing.TestRuntime.WRITER;
import static dev.wharf.runtime.testing.TestRuntime.basic;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Maven packages through the management API: a copy to another maven registry, a delete and a zip download keep the
 * generated {@code maven-metadata.xml} (versions, plugin prefixes) of both registries right.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class MavenApiTest {

    private static final AtomicInteger ARTIFACTS = new AtomicInteger();
    private static final String SOURCE = MavenTestRuntime.JARS;
    private static final String TARGET = MavenTestRuntime.MUTABLE;

    @TempDir
    static Path root;

    @DynamicPropertySource
    static void configure(DynamicPropertyRegistry registry) {
        MavenTestRuntime.configure(registry, root);
    }

    @Autowired
    private WebTestClient client;

    @Test
    void versionWhenCopiedShouldBeListedInTheTargetsMetadataAndKeepItsPluginPrefix() {
        String artifact = "copied-maven-plugin" + ARTIFACTS.incrementAndGet();
        String coordinates = "org.example.plugins:" + artifact;
        deploy(SOURCE, "org/example/plugins", artifact, "1.0");
        deploy(SOURCE, "org/example/plugins", artifact, "1.1");
        put(
                        "/maven/" + SOURCE + "/org/example/plugins/maven-metadata.xml",
                        "<metadata><plugins><plugin><name>Copied</name><prefix>copied" + ARTIFACTS.get()
                                + "</prefix><artifactId>" + artifact + "</artifactId></plugin></plugins></metadata>")
                .expectStatus()
                .isCreated();

        client.post()
                .uri("/api/v1/registries/{registry}/packages/{package}/versions/1.1/copy", SOURCE, coordinates)
                .header(HttpHeaders.AUTHORIZATION, basic(WRITER))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"targetRegistry\":\"" + TARGET + "\"}")
                .exchange()
                .expectStatus()
                .isCreated();

        assertThat(text(TARGET, "org/example/plugins/" + artifact + "/maven-metadata.xml"))
                .contains("<versions>\n      <version>1.1</version>\n    </versions>")
                .contains("<release>1.1</release>");
        assertThat(text(TARGET, "org/example/plugins/maven-metadata.xml"))
                .contains("<prefix>copied" + ARTIFACTS.get() + "</prefix>")
                .contains("<artifactId>" + artifact + "</artifactId>");
        assertThat(text(TARGET, "org/example/plugins/" + artifact + "/1.1/" + artifact + "-1.1.jar"))
                .isEqualTo("jar of " + artifact + " 1.1");
        assertThat(text(SOURCE, "org/example/plugins/" + artifact + "/maven-metadata.xml"))
                .contains("<version>1.0</version>\n      <version>1.1</version>");
    }

    @Test
    void versionWhenDeletedShouldLeaveTheMetadataAndThePackageWhenDeletedItsPluginPrefix() {
        String artifact = "deleted-maven-plugin" + ARTIFACTS.incrementAndGet();
        String coordinates = "org.example.gone:" + artifact;
        deploy(SOURCE, "org/example/gone", artifact, "1.0");
        deploy(SOURCE, "org/example/gone", artifact, "2.0");
        put(
                        "/maven/" + SOURCE + "/org/example/gone/maven-metadata.xml",
                        "<metadata><plugins><plugin><prefix>gone" + ARTIFACTS.get() + "</prefix><artifactId>" + artifact
                                + "</artifactId></plugin></plugins></metadata>")
                .expectStatus()
                .isCreated();

        delete("/api/v1/registries/{registry}/packages/{package}/versions/2.0", coordinates);

        assertThat(text(SOURCE, "org/example/gone/" + artifact + "/maven-metadata.xml"))
                .contains("<latest>1.0</latest>")
                .contains("<release>1.0</release>")
                .doesNotContain("2.0");
        get(SOURCE, "org/example/gone/" + artifact + "/2.0/" + artifact + "-2.0.jar")
                .expectStatus()
                .isNotFound();
        assertThat(text(SOURCE, "org/example/gone/maven-metadata.xml")).contains("<prefix>gone");

        delete("/api/v1/registries/{registry}/packages/{package}", coordinates);

        get(SOURCE, "org/example/gone/" + artifact + "/maven-metadata.xml")
                .expectStatus()
                .isNotFound();
        get(SOURCE, "org/example/gone/maven-metadata.xml").expectStatus().isNotFound();
    }

    @Test
    void versionWhenDownloadedAsZipShouldHoldEveryFileOfTheVersionDirectory() throws IOException {
        String artifact = "zipped" + ARTIFACTS.incrementAndGet();
        deploy(SOURCE, "org/example/zips", artifact, "3.0");
        String sources = "/maven/" + SOURCE + "/org/example/zips/" + artifact + "/3.0/" + artifact + "-3.0-sources.jar";
        put(sources, "sources").expectStatus().isCreated();

        byte[] zip = client.get()
                .uri(
                        "/api/v1/registries/{registry}/packages/{package}/versions/3.0/download",
                        SOURCE,
                        "org.example.zips:" + artifact)
                .header(HttpHeaders.AUTHORIZATION, basic(READER))
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentType("application/zip")
                .expectBody(byte[].class)
                .returnResult()
                .getResponseBody();

        Map<String, String> entries = unzip(zip);
        assertThat(entries)
                .containsOnlyKeys(artifact + "-3.0.pom", artifact + "-3.0.jar", artifact + "-3.0-sources.jar");
        assertThat(entries.get(artifact + "-3.0.jar")).isEqualTo("jar of " + artifact + " 3.0");
        assertThat(entries.get(artifact + "-3.0-sources.jar")).isEqualTo("sources");
    }

    private void deploy(String registry, String groupPath, String artifact, String version) {
        String dir = "/maven/" + registry + "/" + groupPath + "/" + artifact + "/" + version + "/" + artifact + "-"
                + version;
        put(dir + ".pom", "<project/>").expectStatus().isCreated();
        put(dir + ".jar", "jar of " + artifact + " " + version).expectStatus().isCreated();
    }

    private WebTestClient.ResponseSpec put(String url, String body) {
        return client.put()
                .uri(url)
                .header(HttpHeaders.AUTHORIZATION, basic(WRITER))
                .bodyValue(body.getBytes(StandardCharsets.UTF_8))
                .exchange();
    }

    private void delete(String template, String coordinates) {
        client.delete()
                .uri(template, SOURCE, coordinates)
                .header(HttpHeaders.AUTHORIZATION, basic(DELETER))
                .exchange()
                .expectStatus()
                .isNoContent();
    }

    private WebTestClient.ResponseSpec get(String registry, String path) {
        return client.get()
                .uri("/maven/" + registry + "/" + path)
                .header(HttpHeaders.AUTHORIZATION, basic(READER))
                .exchange();
    }

    private String text(String registry, String path) {
        String body = get(registry, path)
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(body).as("%s in %s", path, registry).isNotNull();
        return body;
    }

    private static Map<String, String> unzip(byte[] zip) throws IOException {
        Map<String, String> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                entries.put(entry.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return entries;
    }
}
