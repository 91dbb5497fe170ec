package dev.wharf.runtime.pypi;

import static dev.wharf.runtime.testing.TestRuntime.DELETER;
import static dev.wharf.runtime.testing.TestRuntime.READER;
import static dev.wharf.runtime.testing.TestRuntime.WRITER;
import static dev.wharf.runtime.testing.TestRuntime.basic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.wharf.runtime.metadata.AllFormatRows;
import dev.wharf.runtime.metadata.MetadataDatabase;
import dev.wharf.runtime.purge.RegistryPurge;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The management API on pypi content: a version yanked and unyanked with a reason (the {@code pypi.yanked} version
 * metadata key) shows PEP 592's {@code data-yanked} and {@code yanked} on the next page read, in HTML and JSON; a copy
 * lists the file in the target's index with its core metadata and takes its name there; a delete drops it from the
 * index while the name stays taken; a zip holds the files; a purge forgets the registry's file names.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class PypiManagementApiTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String HTML = "text/html";
    private static final String JSON_FORM = "application/vnd.pypi.simple.v1+json";
    private static final String PURGED = "purged-wheels";

    @TempDir
    static Path root;

    @TempDir
    Path work;

    @LocalServerPort
    int port;

    @Autowired
    private WebTestClient client;

    @Autowired
    private MetadataDatabase database;

    @Autowired
    private AllFormatRows formats;

    @DynamicPropertySource
    static void configure(DynamicPropertyRegistry registry) {
        PypiTestRuntime.configure(registry, root, null);
        PypiTestRuntime.addHosted(root, PURGED);
    }

    @Test
    void yankWhenReasonIsSetShouldShowItInHtmlAndJsonUntilUnyanked() throws Exception {
        String project = unique("yanked");
        Path wheel = upload(PypiTestRuntime.WHEELS, project, "1.0");
        upload(PypiTestRuntime.WHEELS, project, "2.0");
        String page = "/pypi/wheels/simple/" + project + "/";
        assertThat(text(page, HTML)).doesNotContain("data-yanked");

        setMetadata(project, "1.0", "{\"pypi.yanked\": \"broken <build> & more\"}");

        // A change through the metadata API is on the pages within HostedPages.RECHECK.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(text(page, HTML))
                    .contains(wheel.getFileName() + "</a>")
                    .contains("data-yanked=\"broken &lt;build&gt; &amp; more\"");
            assertThat(file(json(page), wheel.getFileName().toString())
                            .path("yanked")
                            .asString())
                    .isEqualTo("broken <build> & more");
        });
        assertThat(file(json(page), project.replace('-', '_') + "-2.0-py3-none-any.whl")
                        .path("yanked")
                        .asBoolean(true))
                .isFalse();

        setMetadata(project, "1.0", "{\"pypi.yanked\": \"\"}");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(text(page, HTML)).contains("data-yanked=\"\"");
            assertThat(file(json(page), wheel.getFileName().toString())
                            .path("yanked")
                            .asBoolean(false))
                    .isTrue();
        });

        client.delete()
                .uri("/api/v1/registries/wheels/packages/{p}/versions/1.0/metadata/pypi.yanked", project)
                .header(HttpHeaders.AUTHORIZATION, basic(WRITER))
                .exchange()
                .expectStatus()
                .isNoContent();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(text(page, HTML)).doesNotContain("data-yanked");
            assertThat(file(json(page), wheel.getFileName().toString())
                            .path("yanked")
                            .asBoolean(true))
                    .isFalse();
        });
    }

    @Test
    void copyWhenVersionIsCopiedShouldListItInTheTargetIndexWithItsMetadataAndTakeItsName() throws Exception {
        String project = unique("copied");
        Path wheel = upload(PypiTestRuntime.WHEELS, project, "1.0");
        String filename = wheel.getFileName().toString();

        client.post()
                .uri("/api/v1/registries/wheels/packages/{p}/versions/1.0/copy", project)
                .header(HttpHeaders.AUTHORIZATION, basic(WRITER))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"targetRegistry\": \"" + PypiTestRuntime.PUBLIC + "\"}")
                .exchange()
                .expectStatus()
                .isCreated();

        String target = "/pypi/" + PypiTestRuntime.PUBLIC + "/simple/" + project + "/";
        JsonNode copied = file(json(target), filename);
        assertThat(copied.path("hashes").path("sha256").asString()).isEqualTo(TestDistributions.sha256Hex(wheel));
        assertThat(copied.path("requires-python").asString()).isEqualTo(">=3.7");
        String metadataSha = copied.path("core-metadata").path("sha256").asString();
        assertThat(metadataSha).hasSize(64);
        assertThat(text("/pypi/" + PypiTestRuntime.PUBLIC + "/simple/", HTML)).contains(">" + project + "</a>");
        byte[] metadata =
                bytes("/pypi/" + PypiTestRuntime.PUBLIC + "/files/" + project + "/1.0/" + filename + ".metadata");
        assertThat(TestDistributions.sha256Hex(metadata)).isEqualTo(metadataSha);
        assertThat(new String(metadata, StandardCharsets.UTF_8)).contains("Name: " + project);

        HttpResponse<String> again = Uploads.post(
                "http://localhost:" + port + "/pypi/" + PypiTestRuntime.PUBLIC + "/",
                basic(WRITER),
                Uploads.body(
                        Uploads.fields(project, "1.0", "bdist_wheel", TestDistributions.sha256Hex(wheel)),
                        filename,
                        Files.readAllBytes(wheel)));
        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(again.body()).contains(filename);
    }

    @Test
    void deleteWhenVersionIsDeletedShouldDropItFromTheIndexKeepTheCopyAndKeepItsNameTaken() throws Exception {
        String project = unique("deleted");
        Path old = upload(PypiTestRuntime.WHEELS, project, "1.0");
        Path current = upload(PypiTestRuntime.WHEELS, project, "2.0");
        client.post()
                .uri("/api/v1/registries/wheels/packages/{p}/versions/1.0/copy", project)
                .header(HttpHeaders.AUTHORIZATION, basic(WRITER))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"targetRegistry\": \"" + PypiTestRuntime.PUBLIC + "\"}")
                .exchange()
                .expectStatus()
                .isCreated();
        String page = "/pypi/wheels/simple/" + project + "/";
        assertThat(json(page).path("versions").toString()).isEqualTo("[\"1.0\",\"2.0\"]");

        client.delete()
                .uri("/api/v1/registries/wheels/packages/{p}/versions/1.0", project)
                .header(HttpHeaders.AUTHORIZATION, basic(DELETER))
                .exchange()
                .expectStatus()
                .isNoContent();

        JsonNode after = json(page);
        assertThat(after.path("versions").toString()).isEqualTo("[\"2.0\"]");
        assertThat(filenames(after)).containsExactly(current.getFileName().toString());
        assertThat(text(page, HTML)).doesNotContain(old.getFileName().toString());
        client.get()
                .uri("/pypi/wheels/files/" + project + "/1.0/" + old.getFileName())
                .header(HttpHeaders.AUTHORIZATION, basic(READER))
                .exchange()
                .expectStatus()
                .isNotFound();
        assertThat(filenames(json("/pypi/" + PypiTestRuntime.PUBLIC + "/simple/" + project + "/")))
                .containsExactly(old.getFileName().toString());

        HttpResponse<String> reupload = Uploads.post(
                "http://localhost:" + port + "/pypi/wheels/",
                basic(WRITER),
                Uploads.body(
                        Uploads.fields(project, "1.0", "bdist_wheel", TestDistributions.sha256Hex(old)),
                        old.getFileName().toString(),
                        Files.readAllBytes(old)));
        assertThat(reupload.statusCode()).isEqualTo(400);
        assertThat(reupload.body()).contains(old.getFileName().toString());

        client.delete()
                .uri("/api/v1/registries/wheels/packages/{p}", project)
                .header(HttpHeaders.AUTHORIZATION, basic(DELETER))
                .exchange()
                .expectStatus()
                .isNoContent();
        client.get()
                .uri(page)
                .header(HttpHeaders.AUTHORIZATION, basic(READER))
                .exchange()
                .expectStatus()
                .isNotFound();
        assertThat(text("/pypi/wheels/simple/", HTML)).doesNotContain(">" + project + "</a>");
    }

    @Test
    void downloadWhenVersionIsZippedShouldHoldTheWheelAndItsCoreMetadata() throws Exception {
        String project = unique("zipped");
        Path wheel = upload(PypiTestRuntime.WHEELS, project, "1.0");
        Path sdist = TestDistributions.sdist(work, project, "1.0");
        post(PypiTestRuntime.WHEELS, project, "1.0", "sdist", sdist);

        byte[] zip = client.get()
                .uri("/api/v1/registries/wheels/packages/{p}/versions/1.0/download", project)
                .header(HttpHeaders.AUTHORIZATION, basic(READER))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(byte[].class)
                .returnResult()
                .getResponseBody();

        List<String> names = new ArrayList<>();
        byte[] wheelBytes = null;
        try (ZipInputStream entries = new ZipInputStream(new ByteArrayInputStream(Objects.requireNonNull(zip)))) {
            for (ZipEntry entry = entries.getNextEntry(); entry != null; entry = entries.getNextEntry()) {
                names.add(entry.getName());
                byte[] content = entries.readAllBytes();
                if (entry.getName().equals(wheel.getFileName().toString())) {
                    wheelBytes = content;
                }
            }
        }
        assertThat(names)
                .containsExactlyInAnyOrder(
                        wheel.getFileName().toString(),
                        wheel.getFileName() + ".metadata",
                        sdist.getFileName().toString());
        assertThat(wheelBytes).isEqualTo(Files.readAllBytes(wheel));
    }

    @Test
    void purgeWhenRegistryIsPurgedShouldForgetItsFileNamesAndDistributions() throws Exception {
        String project = unique("purged");
        upload(PURGED, project, "1.0");
        assertThat(rows("pypi_filename f JOIN registry r ON r.id = f.registry_id WHERE r.name = '" + PURGED + "'"))
                .isEqualTo(1);

        new RegistryPurge(database, formats, null, Clock.systemUTC()).purge(PURGED);

        assertThat(rows("pypi_filename f WHERE f.project = '" + project + "'")).isZero();
        assertThat(rows("pypi_distribution d WHERE d.filename LIKE '" + project.replace('-', '_') + "-%'"))
                .isZero();
    }

    private Path upload(String registry, String project, String version) throws Exception {
        Path wheel = TestDistributions.wheel(work.resolve(registry), project, version);
        post(registry, project, version, "bdist_wheel", wheel);
        return wheel;
    }

    private void post(String registry, String project, String version, String filetype, Path file) throws Exception {
        HttpResponse<String> uploaded = Uploads.post(
                "http://localhost:" + port + "/pypi/" + registry + "/",
                basic(WRITER),
                Uploads.body(
                        Uploads.fields(project, version, filetype, TestDistributions.sha256Hex(file)),
                        file.getFileName().toString(),
                        Files.readAllBytes(file)));
        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(200);
    }

    private void setMetadata(String project, String version, String body) {
        client.put()
                .uri("/api/v1/registries/wheels/packages/{p}/versions/{v}/metadata", project, version)
                .header(HttpHeaders.AUTHORIZATION, basic(WRITER))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange()
                .expectStatus()
                .isOk();
    }

    private String text(String path, String accept) {
        return new String(Objects.requireNonNull(read(path, accept)), StandardCharsets.UTF_8);
    }

    private JsonNode json(String path) {
        return JSON.readTree(read(path, JSON_FORM));
    }

    private byte[] bytes(String path) {
        return read(path, "*/*");
    }

    private byte[] read(String path, String accept) {
        return client.get()
                .uri(path)
                .header(HttpHeaders.AUTHORIZATION, basic(READER))
                .header(HttpHeaders.ACCEPT, accept)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(byte[].class)
                .returnResult()
                .getResponseBody();
    }

    private long rows(String from) {
        return Objects.requireNonNull(database.client()
                .sql("SELECT COUNT(*) AS n FROM " + from)
                .map(row -> ((Number) Objects.requireNonNull(row.get("n"))).longValue())
                .one()
                .block());
    }

    private static JsonNode file(JsonNode page, String filename) {
        for (JsonNode file : page.path("files")) {
            if (file.path("filename").asString().equals(filename)) {
                return file;
            }
        }
        throw new AssertionError("the page lists no file " + filename + ": " + page);
    }

    private static List<String> filenames(JsonNode page) {
        List<String> names = new ArrayList<>();
        page.path("files").forEach(file -> names.add(file.path("filename").asString()));
        return names;
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
