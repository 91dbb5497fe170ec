package dev.wharf.runtime.maven;

import static dev.wharf.runtime.testing.TestRuntime.READER;
import static dev.wharf.runtime.testing.TestRuntime.WRITER;
import static dev.wharf.runtime.testing.TestRuntime.basic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.wharf.runtime.metadata.AllFormatRows;
import dev.wharf.runtime.metadata.MetadataDatabase;
import dev.wharf.runtime.purge.PurgeReport;
import dev.wharf.runtime.purge.RegistryPurge;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
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
 * The purge of a maven registry deletes its own rows: its groups' plugin prefixes ({@code maven_plugin}) and the
 * checksums ({@code maven_checksum}) of the blobs only it held, while another registry holding a plugin of the same
 * group and a file of the same bytes keeps its prefix and its checksums.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class MavenPurgeTest {

    private static final String PURGED = "purged-jars";
    private static final String KEPT = MavenTestRuntime.JARS;
    private static final String GROUP = "org/example/purged";
    private static final int PLUGINS = 5;

    @TempDir
    static Path root;

    @DynamicPropertySource
    static void configure(DynamicPropertyRegistry registry) {
        MavenTestRuntime.configure(registry, root);
        MavenTestRuntime.write(root.resolve("config"), "purged.yaml", """
                apiVersion: wharf.dev/v1alpha1
                kind: Registry
                metadata:
                  name: purged-jars
                spec:
                  format: maven
                  access:
                    usersSecret: test-users
                    rules:
                      - {subjects: [{group: readers}], role: read}
                      - {subjects: [{group: writers}], role: write}
                """);
    }

    @Autowired
    private WebTestClient client;

    @Autowired
    private MetadataDatabase database;

    @Autowired
    private AllFormatRows formats;

    @Test
    void purgeShouldDeleteTheRegistrysPluginPrefixesAndTheChecksumsOfTheBlobsOnlyItHeld() {
        StringBuilder plugins = new StringBuilder("<metadata><plugins>");
        for (int i = 0; i < PLUGINS; i++) {
            String artifact = "plugin" + i + "-maven-plugin";
            put(PURGED, GROUP + "/" + artifact + "/1.0/" + artifact + "-1.0.jar", "only the purged one has " + i);
            plugins.append("<plugin><prefix>p")
                    .append(i)
                    .append("</prefix><artifactId>")
                    .append(artifact)
                    .append("</artifactId></plugin>");
        }
        put(
                PURGED,
                GROUP + "/maven-metadata.xml",
                plugins.append("</plugins></metadata>").toString());
        String shared = "both registries have these bytes";
        put(PURGED, GROUP + "/plugin0-maven-plugin/1.0/plugin0-maven-plugin-1.0.pom", shared);
        put(KEPT, GROUP + "/kept-maven-plugin/1.0/kept-maven-plugin-1.0.pom", shared);
        put(
                KEPT,
                GROUP + "/maven-metadata.xml",
                "<metadata><plugins><plugin><prefix>kept</prefix><artifactId>kept-maven-plugin</artifactId>"
                        + "</plugin></plugins></metadata>");
        long purgedId = registryId(PURGED);
        assertThat(count("SELECT COUNT(*) AS n FROM maven_plugin WHERE registry_id = :v", purgedId))
                .isEqualTo(PLUGINS);
        assertThat(checksumRows("only the purged one has 0")).isEqualTo(1);

        PurgeReport report = new RegistryPurge(database, formats, null, Clock.systemUTC()).purge(PURGED);

        assertThat(report.formatRows()).contains(entry("maven.plugins", (long) PLUGINS));
        assertThat(count("SELECT COUNT(*) AS n FROM maven_plugin WHERE registry_id = :v", purgedId))
                .isZero();
        for (int i = 0; i < PLUGINS; i++) {
            assertThat(checksumRows("only the purged one has " + i))
                    .as("checksums of plugin %s", i)
                    .isZero();
        }
        assertThat(checksumRows(shared))
                .as("checksums of the bytes the kept registry holds too")
                .isEqualTo(1);
        assertThat(text(KEPT, GROUP + "/maven-metadata.xml"))
                .contains("<prefix>kept</prefix>")
                .doesNotContain("<prefix>p0</prefix>");
        assertThat(text(KEPT, GROUP + "/kept-maven-plugin/1.0/kept-maven-plugin-1.0.pom.sha1"))
                .isEqualTo(ChecksumAlgorithm.SHA1.of(shared.getBytes(StandardCharsets.UTF_8)));
    }

    private long registryId(String name) {
        return database.client()
                .sql("SELECT id FROM registry WHERE name = :name")
                .bind("name", name)
                .map(row -> ((Number) row.get("id")).longValue())
                .one()
                .blockOptional(Duration.ofSeconds(10))
                .orElseThrow();
    }

    private long checksumRows(String content) {
        return count(
                "SELECT COUNT(*) AS n FROM maven_checksum WHERE digest = :v",
                "sha256:" + ChecksumAlgorithm.SHA256.of(content.getBytes(StandardCharsets.UTF_8)));
    }

    private long count(String sql, Object value) {
        return database.client()
                .sql(sql)
                .bind("v", value)
                .map(row -> ((Number) row.get("n")).longValue())
                .one()
                .blockOptional(Duration.ofSeconds(10))
                .orElseThrow();
    }

    private void put(String registry, String path, String body) {
        client.put()
                .uri("/maven/" + registry + "/" + path)
                .header(HttpHeaders.AUTHORIZATION, basic(WRITER))
                .bodyValue(body.getBytes(StandardCharsets.UTF_8))
                .exchange()
                .expectStatus()
                .isCreated();
    }

    private String text(String registry, String path) {
        return client.get()
                .uri("/maven/" + registry + "/" + path)
                .header(HttpHeaders.AUTHORIZATION, basic(READER))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
    }
}
