package dev.wharf.runtime.api;

import static dev.wharf.runtime.api.ApiFixtures.unique;
import static dev.wharf.runtime.api.ApiFixtures.upload;
import static dev.wharf.runtime.api.ApiFixtures.utf8;
import static dev.wharf.runtime.testing.TestRuntime.WRITER;
import static dev.wharf.runtime.testing.TestRuntime.basic;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.runtime.testing.ExpectContinue;
import dev.wharf.runtime.testing.TestRuntime;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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
 * The size limit of the management API's JSON bodies ({@link JsonBodies#MAX_BYTES}): an announced Content-Length above
 * it is a 413 problem before the body is asked for, and a body without a length is refused as it passes the limit.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class ApiBodyLimitsTest {

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
    void createTokenWhenContentLengthExceedsTheLimitShouldAnswer413WithoutAskingForTheBody() throws Exception {
        ExpectContinue.Response response = ExpectContinue.send(
                port,
                "POST",
                "/api/v1/tokens",
                100L << 40,
                List.of("Authorization: " + basic(WRITER), "Content-Type: application/json"));

        assertThat(response.statusLine()).startsWith("HTTP/1.1 413");
        assertThat(response.headers()).containsEntry("content-type", "application/problem+json");
        assertThat(response.body())
                .contains("the body announces 109951162777600 bytes (Content-Length), but the management API reads"
                        + " JSON bodies of at most 262144");
        assertThat(response.closed()).isTrue();
    }

    @Test
    void setMetadataWhenContentLengthExceedsTheLimitShouldAnswer413WithoutAskingForTheBody() throws Exception {
        String pkg = unique("limited");
        upload(client, "files", pkg, "1.0", "a.txt", utf8("a"));

        ExpectContinue.Response response = ExpectContinue.send(
                port,
                "PUT",
                "/api/v1/registries/files/packages/" + pkg + "/versions/1.0/metadata",
                JsonBodies.MAX_BYTES + 1,
                List.of("Authorization: " + basic(WRITER), "Content-Type: application/json"));

        assertThat(response.statusLine()).startsWith("HTTP/1.1 413");
        assertThat(response.body()).contains("the body announces 262145 bytes (Content-Length)");
    }

    @Test
    void copyWhenChunkedBodyRunsPastTheLimitShouldAnswer413() throws Exception {
        String pkg = unique("limited");
        upload(client, "files", pkg, "1.0", "a.txt", utf8("a"));
        byte[] body = ("{\"targetRegistry\": \"copies\", \"padding\": \"" + "x".repeat(300_000) + "\"}")
                .getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port
                                        + "/api/v1/registries/files/packages/" + pkg + "/versions/1.0/copy"))
                                .header(HttpHeaders.AUTHORIZATION, basic(WRITER))
                                .header(HttpHeaders.CONTENT_TYPE, "application/json")
                                // A stream of unknown length is sent chunked, without a Content-Length.
                                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                                .timeout(Duration.ofSeconds(20))
                                .build(),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue(HttpHeaders.CONTENT_TYPE)).hasValue("application/problem+json");
        assertThat(response.body()).contains("the body is larger than 262144 bytes, the most the management API reads");
    }
}
