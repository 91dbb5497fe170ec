package dev.wharf.runtime.generic;

import static dev.wharf.runtime.testing.TestRuntime.READER;
import static dev.wharf.runtime.testing.TestRuntime.WRITER;
import static dev.wharf.runtime.testing.TestRuntime.basic;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.runtime.testing.ExpectContinue;
import dev.wharf.runtime.testing.TestRuntime;
import java.io.ByteArrayInputStream;
import java.io.IOException;
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
 * The size limit of generic uploads: an announced Content-Length above it is refused at once, before any of the body
 * is asked for ({@code Expect: 100-continue} is answered 413, never 100), and a body without a length is cut off as
 * it passes the limit. Registry {@code public-files} accepts at most 1 MiB.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class GenericUploadLimitsTest {

    private static final long ONE_HUNDRED_TB = 100L * 1024 * 1024 * 1024 * 1024;

    @TempDir
    static Path root;

    @DynamicPropertySource
    static void configure(DynamicPropertyRegistry registry) {
        TestRuntime.configure(registry, root);
    }

    @Autowired
    private WebTestClient client;

    @LocalServerPort
    private int port;

    @Test
    void uploadWhenContentLengthExceedsTheLimitShouldAnswer413WithoutAskingForTheBody() throws IOException {
        String url =
                "/generic/public-files/limits-" + UUID.randomUUID().toString().substring(0, 8) + "/1.0/huge.bin";

        ExpectContinue.Response response =
                ExpectContinue.send(port, "PUT", url, ONE_HUNDRED_TB, List.of("Authorization: " + basic(WRITER)));

        assertThat(response.statusLine()).startsWith("HTTP/1.1 413");
        assertThat(response.headers()).containsEntry("content-type", "application/problem+json");
        assertThat(response.body())
                .contains("\"title\":\"Upload too large\"")
                .contains("the upload has 109951162777600 bytes; registry 'public-files' accepts at most 1048576"
                        + " (spec.maxUploadSize)");
        assertThat(response.closed())
                .as("the connection is closed rather than left waiting for the body")
                .isTrue();
        assertThat(uploadsInProgress()).isEmpty();
        client.get()
                .uri(url)
                .header(HttpHeaders.AUTHORIZATION, basic(READER))
                .exchange()
                .expectStatus()
                .isNotFound();
    }

    @Test
    void uploadWhenContentLengthIsWithinTheLimitShouldAskForTheBody() throws IOException {
        String url =
                "/generic/public-files/limits-" + UUID.randomUUID().toString().substring(0, 8) + "/1.0/a.bin";

        ExpectContinue.Response response =
                ExpectContinue.send(port, "PUT", url, 1 << 20, List.of("Authorization: " + basic(WRITER)));

        assertThat(response.statusLine()).startsWith("HTTP/1.1 100");
    }

    @Test
    void uploadWhenChunkedBodyRunsPastTheLimitShouldAnswer413AndKeepNothing() throws Exception {
        String url =
                "/generic/public-files/limits-" + UUID.randomUUID().toString().substring(0, 8) + "/1.0/big.bin";
        byte[] body = new byte[(1 << 20) + 1];

        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + url))
                                .header(HttpHeaders.AUTHORIZATION, basic(WRITER))
                                // A stream of unknown length is sent chunked, without a Content-Length.
                                .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                                .timeout(Duration.ofSeconds(20))
                                .build(),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).contains("the upload is larger than the limit of 1048576 bytes");
        client.get()
                .uri(url)
                .header(HttpHeaders.AUTHORIZATION, basic(READER))
                .exchange()
                .expectStatus()
                .isNotFound();
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
