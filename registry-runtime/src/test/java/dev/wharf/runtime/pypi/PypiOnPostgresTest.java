package dev.wharf.runtime.pypi;

import static dev.wharf.runtime.testing.TestRuntime.DELETER;
import static dev.wharf.runtime.testing.TestRuntime.READER;
import static dev.wharf.runtime.testing.TestRuntime.WRITER;
import static dev.wharf.runtime.testing.TestRuntime.basic;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.runtime.metadata.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Uploads and the index on the test services' PostgreSQL (a database of its own, dropped afterwards): a wheel and an
 * sdist listed with their metadata, the latest version by PEP 440, a file name never taken twice even by two
 * concurrent uploads (one is stored, the other answers 400), and a delete through the API dropping the file from the
 * index while its name stays taken.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class PypiOnPostgresTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String JSON_FORM = "application/vnd.pypi.simple.v1+json";

    @TempDir
    static Path root;

    @TempDir
    Path work;

    @LocalServerPort
    int port;

    private static TestDatabase database;

    @DynamicPropertySource
    static void configure(DynamicPropertyRegistry registry) {
        database = TestDatabase.postgres();
        PypiTestRuntime.configure(registry, root, null);
        registry.add("wharf.database.url", () -> database.settings().url().r2dbcUrl());
        registry.add("wharf.database.username", () -> database.settings().username());
        registry.add("wharf.database.password", () -> database.settings().password());
    }

    @AfterAll
    static void dropDatabase() {
        if (database != null) {
            database.close();
        }
    }

    @Test
    void uploadWhenWheelAndSdistAreNewShouldListBothWithTheHighestVersionLatest() throws Exception {
        String project = unique("pg-lib");
        Path wheel = TestDistributions.wheel(work, project, "2.0");
        Path sdist = TestDistributions.sdist(work, project, "2.0");
        Path older = TestDistributions.wheel(work, project, "1.5");

        assertThat(upload(project, "2.0", "bdist_wheel", wheel).statusCode()).isEqualTo(200);
        assertThat(upload(project, "2.0", "sdist", sdist).statusCode()).isEqualTo(200);
        assertThat(upload(project, "1.5", "bdist_wheel", older).statusCode()).isEqualTo(200);

        JsonNode page = JSON.readTree(get("/pypi/wheels/simple/" + project + "/", JSON_FORM));
        assertThat(page.path("versions").toString()).isEqualTo("[\"1.5\",\"2.0\"]");
        assertThat(page.path("files")).hasSize(3);
        for (JsonNode file : page.path("files")) {
            assertThat(file.path("hashes").path("sha256").asString()).hasSize(64);
            assertThat(file.path("requires-python").asString()).isEqualTo(">=3.7");
            assertThat(file.path("upload-time").asString()).endsWith("Z");
        }
        assertThat(JSON.readTree(get("/api/v1/registries/wheels/packages/" + project, "application/json"))
                        .path("latestVersion")
                        .asString())
                .isEqualTo("2.0");
        assertThat(get("/pypi/wheels/simple/", "text/html")).contains(">" + project + "</a>");
    }

    @Test
    void uploadWhenTwoClientsSendTheSameFileNameAtOnceShouldStoreOneAndRefuseTheOther() throws Exception {
        String project = unique("pg-race");
        Path wheel = TestDistributions.wheel(work, project, "1.0");
        Callable<HttpResponse<String>> send = () -> upload(project, "1.0", "bdist_wheel", wheel);

        List<Integer> statuses;
        try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
            List<Future<HttpResponse<String>>> answers = pool.invokeAll(List.of(send, send));
            statuses = answers.stream()
                    .map(answer -> {
                        try {
                            return answer.get().statusCode();
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    })
                    .sorted()
                    .toList();
        }

        assertThat(statuses).containsExactly(200, 400);
        JsonNode page = JSON.readTree(get("/pypi/wheels/simple/" + project + "/", JSON_FORM));
        assertThat(page.path("files")).hasSize(1);
    }

    @Test
    void deleteWhenVersionIsDeletedThroughTheApiShouldDropItFromTheIndexAndKeepItsNameTaken() throws Exception {
        String project = unique("pg-gone");
        Path wheel = TestDistributions.wheel(work, project, "1.0");
        Path kept = TestDistributions.wheel(work, project, "1.1");
        upload(project, "1.0", "bdist_wheel", wheel);
        upload(project, "1.1", "bdist_wheel", kept);

        HttpResponse<String> deleted = send(HttpRequest.newBuilder(URI.create(
                        "http://localhost:" + port + "/api/v1/registries/wheels/packages/" + project + "/versions/1.0"))
                .header("Authorization", basic(DELETER))
                .DELETE());

        assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(204);
        JsonNode page = JSON.readTree(get("/pypi/wheels/simple/" + project + "/", JSON_FORM));
        assertThat(page.path("versions").toString()).isEqualTo("[\"1.1\"]");
        HttpResponse<String> again = upload(project, "1.0", "bdist_wheel", wheel);
        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(again.body()).contains(wheel.getFileName().toString());
    }

    private HttpResponse<String> upload(String project, String version, String filetype, Path file) throws Exception {
        return Uploads.post(
                "http://localhost:" + port + "/pypi/wheels/",
                basic(WRITER),
                Uploads.body(
                        Uploads.fields(project, version, filetype, TestDistributions.sha256Hex(file)),
                        file.getFileName().toString(),
                        Files.readAllBytes(file)));
    }

    private String get(String path, String accept) throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Accept", accept)
                .header("Authorization", basic(READER)));
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return response.body();
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
