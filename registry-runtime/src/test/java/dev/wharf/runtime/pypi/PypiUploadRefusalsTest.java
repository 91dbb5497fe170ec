package dev.wharf.runtime.pypi;

import static dev.wharf.runtime.testing.TestRuntime.READER;
import static dev.wharf.runtime.testing.TestRuntime.WRITER;
import static dev.wharf.runtime.testing.TestRuntime.basic;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Bad uploads get a 400 in PyPI's plain text naming what is wrong, and write nothing: the project's page stays absent
 * and the file name stays free for a correct upload.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class PypiUploadRefusalsTest {

    @TempDir
    static Path root;

    @TempDir
    Path work;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void configure(DynamicPropertyRegistry registry) {
        PypiTestRuntime.configure(registry, root, null);
    }

    @Test
    void uploadWhenSha256DiffersFromTheBytesShouldAnswer400AndWriteNothing() throws Exception {
        Path wheel = TestDistributions.wheel(work, "wrong-digest", "1.0");
        Map<String, String> fields = Uploads.fields("wrong-digest", "1.0", "bdist_wheel", "0".repeat(64));

        HttpResponse<String> response = upload(fields, wheel.getFileName().toString(), Files.readAllBytes(wheel));

        assertRefused(response, "digest");
        assertAbsent("wrong-digest");
        assertThat(upload(wheel, "wrong-digest", "1.0").statusCode()).isEqualTo(200);
    }

    @Test
    void uploadWhenMd5DiffersFromTheBytesShouldAnswer400NamingTheField() throws Exception {
        Path wheel = TestDistributions.wheel(work, "wrong-md5", "1.0");
        Map<String, String> fields =
                Uploads.fields("wrong-md5", "1.0", "bdist_wheel", TestDistributions.sha256Hex(wheel));
        fields.put("md5_digest", "0".repeat(32));

        assertRefused(upload(fields, wheel.getFileName().toString(), Files.readAllBytes(wheel)), "md5_digest is");
        assertAbsent("wrong-md5");
    }

    @Test
    void uploadWhenMetadataNamesAnotherProjectShouldAnswer400() throws Exception {
        Path wheel = TestDistributions.wheel(work, "claimed", "1.0", TestDistributions.metadata("other-name", "1.0"));

        assertRefused(upload(wheel, "claimed", "1.0"), "METADATA of 'claimed-1.0-py3-none-any.whl' says project");
        assertAbsent("claimed");
    }

    @Test
    void uploadWhenFileNameIsOfAnotherProjectShouldAnswer400() throws Exception {
        Path wheel = TestDistributions.wheel(work, "first", "1.0");

        assertRefused(upload(wheel, "second", "1.0"), "is of project 'first', not 'second'");
        assertAbsent("second");
    }

    @Test
    void uploadWhenFileNameTraversesShouldAnswer400() throws Exception {
        Path wheel = TestDistributions.wheel(work, "escape", "1.0");
        Map<String, String> fields = Uploads.fields("escape", "1.0", "bdist_wheel", TestDistributions.sha256Hex(wheel));

        assertRefused(upload(fields, "../escape-1.0-py3-none-any.whl", Files.readAllBytes(wheel)), "plain file name");
        assertAbsent("escape");
    }

    @Test
    void uploadWhenFileWasUploadedBeforeShouldAnswer400EvenAfterItsVersionIsDeleted() throws Exception {
        Path wheel = TestDistributions.wheel(work, "once", "1.0");
        assertThat(upload(wheel, "once", "1.0").statusCode()).isEqualTo(200);
        HttpResponse<String> deleted = send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/api/v1/registries/wheels/packages/once/versions/1.0"))
                .header("Authorization", basic("deleter"))
                .DELETE());
        assertThat(deleted.statusCode()).isEqualTo(204);

        assertRefused(upload(wheel, "once", "1.0"), "File already exists");
    }

    @Test
    void uploadWhenBodyIsTruncatedShouldAnswer400AndWriteNothing() throws Exception {
        Path wheel = TestDistributions.wheel(work, "truncated", "1.0");
        byte[] body = Uploads.body(
                Uploads.fields("truncated", "1.0", "bdist_wheel", TestDistributions.sha256Hex(wheel)),
                wheel.getFileName().toString(),
                Files.readAllBytes(wheel));

        assertRefused(Uploads.post(url(), basic(WRITER), Arrays.copyOf(body, body.length - 200)), "multipart body");
        assertAbsent("truncated");
    }

    @Test
    void uploadWhenFieldIsTooLongShouldAnswer400NamingIt() throws Exception {
        Path wheel = TestDistributions.wheel(work, "long-field", "1.0");
        Map<String, String> fields =
                Uploads.fields("long-field", "1.0", "bdist_wheel", TestDistributions.sha256Hex(wheel));
        fields.put("summary", "x".repeat(UploadFields.FIELD_MAX + 1));

        assertRefused(
                upload(fields, wheel.getFileName().toString(), Files.readAllBytes(wheel)),
                "field 'summary' has " + (UploadFields.FIELD_MAX + 1) + " characters");
        assertAbsent("long-field");
    }

    @Test
    void uploadWhenNotMultipartShouldAnswer400() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(url()))
                .header("Authorization", basic(WRITER))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")));

        assertRefused(response, "multipart/form-data");
    }

    private HttpResponse<String> upload(Path wheel, String name, String version) throws Exception {
        return upload(
                Uploads.fields(name, version, "bdist_wheel", TestDistributions.sha256Hex(wheel)),
                wheel.getFileName().toString(),
                Files.readAllBytes(wheel));
    }

    private HttpResponse<String> upload(Map<String, String> fields, String filename, byte[] content) throws Exception {
        return Uploads.post(url(), basic(WRITER), Uploads.body(fields, filename, content));
    }

    private String url() {
        return "http://localhost:" + port + "/pypi/wheels/";
    }

    private static void assertRefused(HttpResponse<String> response, String reason) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("content-type")).hasValue("text/plain;charset=UTF-8");
        assertThat(response.body()).startsWith("400 ").contains(reason);
    }

    private void assertAbsent(String project) throws Exception {
        HttpResponse<String> page = send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/pypi/wheels/simple/" + project + "/"))
                        .header("Authorization", basic(READER)));
        assertThat(page.statusCode()).as(page.body()).isEqualTo(404);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
    }
}
