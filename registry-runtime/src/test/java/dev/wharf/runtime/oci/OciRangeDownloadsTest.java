package dev.wharf.runtime.oci;

import static dev.wharf.runtime.oci.OciContent.OCI_MANIFEST;
import static dev.wharf.runtime.oci.OciContent.blob;
import static dev.wharf.runtime.oci.OciContent.digest;
import static dev.wharf.runtime.testing.TestRuntime.READER;
import static dev.wharf.runtime.testing.TestRuntime.basic;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.runtime.testing.ByteRangesBody;
import dev.wharf.runtime.testing.Curl;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
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
 * Range requests on blobs, from the filesystem store and from S3 (the test services' S3Proxy, registry
 * {@code s3-ranges}), and on manifests, which are answered whole.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class OciRangeDownloadsTest {

    private static final String S3 = "s3-ranges";

    @TempDir
    static Path root;

    @TempDir
    Path work;

    @DynamicPropertySource
    static void configure(DynamicPropertyRegistry registry) {
        OciTestRuntime.configure(registry, root);
        try {
            Files.writeString(root.resolve("config").resolve("s3.yaml"), """
                    apiVersion: v1
                    kind: Secret
                    metadata:
                      name: ranges-s3
                    stringData:
                      accessKey: %s
                      secretKey: %s
                    ---
                    apiVersion: wharf.dev/v1alpha1
                    kind: Registry
                    metadata:
                      name: s3-ranges
                    spec:
                      format: docker
                      storage:
                        s3:
                          endpoint: "%s"
                          bucket: %s
                          prefix: range-tests/%s/
                          credentialsSecret: ranges-s3
                      access:
                        usersSecret: test-users
                        rules:
                          - {subjects: [{group: readers}], role: read}
                          - {subjects: [{group: writers}], role: write}
                    """.formatted(
                            env("WHARF_TEST_S3_ACCESS_KEY"),
                            env("WHARF_TEST_S3_SECRET_KEY"),
                            env("WHARF_TEST_S3_ENDPOINT"),
                            env("WHARF_TEST_S3_BUCKET"),
                            UUID.randomUUID()));
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
    void curlWhenSeveralRangesOfABlobAreAskedShouldCompleteWithAMultipartBodyOfTheAnnouncedLength() throws Exception {
        String repository = repository(OciTestRuntime.IMAGES);
        byte[] layer = blob(4000);
        new OciHttp(client).pushBlob(repository, layer);

        Curl.Result result = Curl.get(
                work, "http://localhost:" + port + repository + "/blobs/" + digest(layer), READER, "-r", "0-1,5-6");

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.status()).isEqualTo(206);
        assertThat(result.header("Content-Length")).contains(String.valueOf(result.body().length));
        assertThat(result.header("Docker-Content-Digest")).contains(digest(layer));
        List<ByteRangesBody.Part> parts =
                ByteRangesBody.parse(result.header("Content-Type").orElseThrow(), result.body());
        assertThat(parts)
                .extracting(ByteRangesBody.Part::bytes)
                .containsExactly(Arrays.copyOfRange(layer, 0, 2), Arrays.copyOfRange(layer, 5, 7));
        assertThat(parts).allSatisfy(part -> assertThat(part.contentType()).isEqualTo("application/octet-stream"));
    }

    @Test
    void downloadWhenSeveralRangesOfABlobInS3AreAskedShouldStreamEachPartFromRangedReads() throws Exception {
        String repository = repository(S3);
        byte[] layer = blob(3 * 1024 * 1024 + 11);
        new OciHttp(client).pushBlob(repository, layer);

        HttpResponse<byte[]> response = get(repository + "/blobs/" + digest(layer), "bytes=2097152-3145727,10-19");

        assertThat(response.statusCode()).isEqualTo(206);
        assertThat(response.headers().firstValueAsLong(HttpHeaders.CONTENT_LENGTH))
                .hasValue(response.body().length);
        List<ByteRangesBody.Part> parts = ByteRangesBody.parse(
                response.headers().firstValue(HttpHeaders.CONTENT_TYPE).orElseThrow(), response.body());
        assertThat(parts).hasSize(2);
        assertThat(parts.get(0).bytes()).isEqualTo(Arrays.copyOfRange(layer, 2097152, 3145728));
        assertThat(parts.get(0).size()).isEqualTo(layer.length);
        assertThat(parts.get(1).bytes()).isEqualTo(Arrays.copyOfRange(layer, 10, 20));
    }

    @Test
    void downloadWhenOneRangeOfABlobInS3IsAskedShouldAnswer206WithItsContentRange() throws Exception {
        String repository = repository(S3);
        byte[] layer = blob(5000);
        new OciHttp(client).pushBlob(repository, layer);

        HttpResponse<byte[]> response = get(repository + "/blobs/" + digest(layer), "bytes=-100");

        assertThat(response.statusCode()).isEqualTo(206);
        assertThat(response.headers().firstValue(HttpHeaders.CONTENT_RANGE)).hasValue("bytes 4900-4999/5000");
        assertThat(response.body()).isEqualTo(Arrays.copyOfRange(layer, 4900, 5000));
    }

    @Test
    void downloadWhenNoRangeOfABlobIsSatisfiableShouldBeRangeInvalidWithTheSize() throws Exception {
        String repository = repository(OciTestRuntime.IMAGES);
        byte[] layer = blob(100);
        new OciHttp(client).pushBlob(repository, layer);

        HttpResponse<byte[]> response = get(repository + "/blobs/" + digest(layer), "bytes=100-,200-300");

        assertThat(response.statusCode()).isEqualTo(416);
        assertThat(response.headers().firstValue(HttpHeaders.CONTENT_RANGE)).hasValue("bytes */100");
        assertThat(new String(response.body(), java.nio.charset.StandardCharsets.UTF_8))
                .contains("\"code\":\"RANGE_INVALID\"")
                .contains("the range 'bytes=100-,200-300' does not overlap the 100 bytes of the blob");
    }

    @Test
    void manifestWhenSeveralRangesAreAskedShouldAnswerTheWholeManifestWithItsLength() throws Exception {
        String repository = repository(OciTestRuntime.IMAGES);
        byte[] config = blob(100);
        byte[] layer = blob(200);
        byte[] manifest = OciContent.image(OCI_MANIFEST, config, List.of(layer));
        new OciHttp(client).pushImage(repository, "1.0", manifest, OCI_MANIFEST, List.of(config, layer));

        Curl.Result result =
                Curl.get(work, "http://localhost:" + port + repository + "/manifests/1.0", READER, "-r", "0-1,5-6");

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.status()).isEqualTo(200);
        assertThat(result.body()).isEqualTo(manifest);
        assertThat(result.header("Content-Length")).contains(String.valueOf(manifest.length));
    }

    private static String repository(String registry) {
        return "/v2/" + registry + "/team/ranges-"
                + UUID.randomUUID().toString().substring(0, 8);
    }

    private HttpResponse<byte[]> get(String path, String range) throws IOException, InterruptedException {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                                .header(HttpHeaders.AUTHORIZATION, basic(READER))
                                .header(HttpHeaders.RANGE, range)
                                .timeout(Duration.ofSeconds(20))
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String env(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("this test needs " + name + ": run `scripts/test-services start` and then"
                    + " `eval \"$(scripts/test-services env)\"` in this shell (scripts/test does both)");
        }
        return value;
    }
}
