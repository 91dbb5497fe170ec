package dev.wharf.runtime.oci;

import static dev.wharf.runtime.oci.OciContent.OCI_MANIFEST;
import static dev.wharf.runtime.oci.OciContent.blob;
import static dev.wharf.runtime.oci.OciContent.digest;
import static dev.wharf.runtime.testing.TestRuntime.WRITER;
import static dev.wharf.runtime.testing.TestRuntime.basic;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.runtime.testing.ExpectContinue;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The size limits of blob and manifest pushes: an announced Content-Length above the limit is SIZE_INVALID (413) at
 * once, before any of the body is asked for ({@code Expect: 100-continue} is never answered 100), and nothing is
 * stored; a chunked body without a length is cut off as it passes the limit. Registry {@code small-images} accepts
 * at most 1 MiB.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class OciUploadLimitsTest {

    private static final long ONE_HUNDRED_TB = 100L * 1024 * 1024 * 1024 * 1024;
    private static final String SMALL = "small-images";

    @TempDir
    static Path root;

    @DynamicPropertySource
    static void configure(DynamicPropertyRegistry registry) {
        OciTestRuntime.configure(registry, root);
        try {
            Files.writeString(root.resolve("config").resolve("small.yaml"), """
                    apiVersion: wharf.dev/v1alpha1
                    kind: Registry
                    metadata:
                      name: small-images
                    spec:
                      format: docker
                      maxUploadSize: 1Mi
                      access:
                        usersSecret: test-users
                        rules:
                          - {subjects: [{group: writers}], role: write}
                    """);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private WebTestClient client;

    @Autowired
    void client(WebTestClient client) {
        this.client = client.mutate().responseTimeout(Duration.ofSeconds(30)).build();
    }

    @LocalServerPort
    private int port;

    @Test
    void monolithicPostWhenContentLengthExceedsTheLimitShouldBeSizeInvalidWithoutAskingForTheBody() throws IOException {
        String repository = repository(SMALL);

        ExpectContinue.Response response =
                announce("POST", repository + "/blobs/uploads/?digest=" + digest(blob(10)), ONE_HUNDRED_TB);

        assertRefusedAtOnce(
                response,
                "the request announces 109951162777600 bytes (Content-Length), but registry 'small-images' accepts"
                        + " blobs of at most 1048576 bytes (spec.maxUploadSize)");
    }

    @Test
    void monolithicPostWhenContentLengthExceedsTheDefaultLimitShouldBeSizeInvalid() throws IOException {
        ExpectContinue.Response response = announce(
                "POST",
                repository(OciTestRuntime.IMAGES) + "/blobs/uploads/?digest=" + digest(blob(10)),
                ONE_HUNDRED_TB);

        assertThat(response.statusLine()).startsWith("HTTP/1.1 413");
        assertThat(response.body()).contains("\"code\":\"SIZE_INVALID\"").contains("registry 'images' accepts");
    }

    @Test
    void patchWhenContentLengthExceedsWhatTheUploadMayStillTakeShouldBeSizeInvalidAndKeepTheSession()
            throws IOException {
        String repository = repository(SMALL);
        String location = new OciHttp(client).startUpload(repository);
        client.patch()
                .uri(location)
                .header(HttpHeaders.AUTHORIZATION, basic(WRITER))
                .header("Content-Range", "0-999")
                .bodyValue(blob(1000))
                .exchange()
                .expectStatus()
                .isAccepted();

        ExpectContinue.Response response = announce("PATCH", location, (1 << 20) - 999);

        assertRefusedAtOnce(
                response,
                "the request announces 1047577 bytes (Content-Length), but registry 'small-images' accepts blobs of"
                        + " at most 1048576 bytes (spec.maxUploadSize), and this upload holds 1000 already");
        client.get()
                .uri(location)
                .header(HttpHeaders.AUTHORIZATION, basic(WRITER))
                .exchange()
                .expectStatus()
                .isNoContent()
                .expectHeader()
                .valueEquals(HttpHeaders.RANGE, "0-999");
    }

    @Test
    void putWhenContentLengthExceedsTheLimitShouldBeSizeInvalidWithoutAskingForTheBody() throws IOException {
        String repository = repository(SMALL);
        String location = new OciHttp(client).startUpload(repository);

        ExpectContinue.Response response = announce("PUT", location + "?digest=" + digest(blob(10)), ONE_HUNDRED_TB);

        assertRefusedAtOnce(
                response,
                "the request announces 109951162777600 bytes (Content-Length), but registry 'small-images' accepts"
                        + " blobs of at most 1048576 bytes (spec.maxUploadSize)");
    }

    @Test
    void manifestPutWhenContentLengthExceedsTheManifestLimitShouldBeSizeInvalidWithoutAskingForTheBody()
            throws IOException {
        ExpectContinue.Response response = announce(
                "PUT",
                repository(OciTestRuntime.IMAGES) + "/manifests/1.0",
                ManifestPushes.MAX_BYTES + 1,
                "Content-Type: " + OCI_MANIFEST);

        assertRefusedAtOnce(
                response,
                "the request announces 4194305 bytes (Content-Length), but a manifest may have at most 4194304");
    }

    @Test
    void chunkedPatchWhenBodyRunsPastTheLimitShouldBeSizeInvalid() throws Exception {
        String location = new OciHttp(client).startUpload(repository(SMALL));
        byte[] body = new byte[(1 << 20) + 1];

        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + location))
                                .header(HttpHeaders.AUTHORIZATION, basic(WRITER))
                                // A stream of unknown length is sent chunked, without a Content-Length.
                                .method(
                                        "PATCH",
                                        HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                                .timeout(Duration.ofSeconds(20))
                                .build(),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body())
                .contains("\"code\":\"SIZE_INVALID\"")
                .contains("the upload is larger than the limit of 1048576 bytes");
    }

    private ExpectContinue.Response announce(String method, String target, long length, String... headers)
            throws IOException {
        List<String> all = Stream.concat(Stream.of("Authorization: " + basic(WRITER)), Stream.of(headers))
                .toList();
        return ExpectContinue.send(port, method, target, length, all);
    }

    private static void assertRefusedAtOnce(ExpectContinue.Response response, String message) throws IOException {
        assertThat(response.statusLine()).startsWith("HTTP/1.1 413");
        assertThat(response.headers()).containsEntry("content-type", "application/json");
        assertThat(response.body()).contains("\"code\":\"SIZE_INVALID\"").contains(message);
        assertThat(response.closed())
                .as("the connection is closed rather than left waiting for the body")
                .isTrue();
        assertThat(uploadsInProgress()).isEmpty();
    }

    private static String repository(String registry) {
        return "/v2/" + registry + "/team/limits-"
                + UUID.randomUUID().toString().substring(0, 8);
    }

    /** The temporary files of the filesystem store's uploads in progress. */
    private static List<Path> uploadsInProgress() throws IOException {
        Path uploads = root.resolve("data").resolve("uploads");
        if (!Files.exists(uploads)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(uploads)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }
}
