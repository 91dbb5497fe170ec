package dev.wharf.runtime.generic;

import static dev.wharf.runtime.testing.TestRuntime.READER;
import static dev.wharf.runtime.testing.TestRuntime.WRITER;
import static dev.wharf.runtime.testing.TestRuntime.basic;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.runtime.testing.ByteRangesBody;
import dev.wharf.runtime.testing.Curl;
import dev.wharf.runtime.testing.TestRuntime;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
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

/** Range requests on generic files, as curl and a strict reader of multipart/byteranges see them. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class GenericRangeDownloadsTest {

    private static final byte[] DIGITS = "0123456789".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    static Path root;

    @TempDir
    Path work;

    @DynamicPropertySource
    static void configure(DynamicPropertyRegistry registry) {
        TestRuntime.configure(registry, root);
    }

    @Autowired
    private WebTestClient client;

    @LocalServerPort
    private int port;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void curlWhenSeveralRangesAreAskedShouldCompleteWithAMultipartBodyOfTheAnnouncedLength() throws Exception {
        // Larger than the multipart body: a Content-Length of the whole file would leave curl waiting.
        String url = uploaded("a.txt", "0123456789".repeat(400).getBytes(StandardCharsets.US_ASCII));

        Curl.Result result = Curl.get(work, "http://localhost:" + port + url, READER, "-r", "0-1,5-6");

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.status()).isEqualTo(206);
        assertThat(result.header("Content-Length")).contains(String.valueOf(result.body().length));
        List<ByteRangesBody.Part> parts =
                ByteRangesBody.parse(result.header("Content-Type").orElseThrow(), result.body());
        assertThat(parts)
                .extracting(part -> new String(part.bytes(), StandardCharsets.US_ASCII))
                .containsExactly("01", "56");
        assertThat(parts)
                .extracting(ByteRangesBody.Part::contentType, ByteRangesBody.Part::first, ByteRangesBody.Part::last)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("text/plain", 0L, 1L),
                        org.assertj.core.groups.Tuple.tuple("text/plain", 5L, 6L));
    }

    @Test
    void downloadWhenSeveralRangesOfALargeFileAreAskedShouldStreamEachPartWithItsBytes() throws Exception {
        byte[] content = new byte[5 * 1024 * 1024 + 3];
        new Random(7).nextBytes(content);
        String url = uploaded("big.bin", content);

        HttpResponse<byte[]> response = get(url, "bytes=-10, 100-, 0-1");

        // 100- and -10 overlap: the whole file, as RFC 9110 allows.
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(content);

        response = get(url, "bytes=4194304-4194403,0-99999,,-5");

        assertThat(response.statusCode()).isEqualTo(206);
        assertThat(response.headers().firstValueAsLong(HttpHeaders.CONTENT_LENGTH))
                .hasValue(response.body().length);
        List<ByteRangesBody.Part> parts = ByteRangesBody.parse(
                response.headers().firstValue(HttpHeaders.CONTENT_TYPE).orElseThrow(), response.body());
        assertThat(parts).hasSize(3);
        assertThat(parts.get(0).bytes()).isEqualTo(Arrays.copyOfRange(content, 4194304, 4194404));
        assertThat(parts.get(1).bytes()).isEqualTo(Arrays.copyOfRange(content, 0, 100000));
        assertThat(parts.get(2).bytes()).isEqualTo(Arrays.copyOfRange(content, content.length - 5, content.length));
        assertThat(parts).allSatisfy(part -> {
            assertThat(part.contentType()).isEqualTo("application/octet-stream");
            assertThat(part.size()).isEqualTo(content.length);
        });
    }

    @Test
    void headWhenSeveralRangesAreAskedShouldAnnounceTheLengthTheGetSends() throws Exception {
        String url = uploaded("a.txt", DIGITS);

        HttpResponse<byte[]> head = send(HttpRequest.newBuilder(uri(url))
                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                .header(HttpHeaders.RANGE, "bytes=0-1,5-6"));

        assertThat(head.statusCode()).isEqualTo(206);
        assertThat(head.headers().firstValue(HttpHeaders.CONTENT_TYPE).orElseThrow())
                .startsWith("multipart/byteranges;boundary=");
        // The boundary is random, of the same length each time: the GET has the length the HEAD announces.
        assertThat(head.headers().firstValueAsLong(HttpHeaders.CONTENT_LENGTH))
                .hasValue(get(url, "bytes=0-1,5-6").body().length);
    }

    @Test
    void downloadWhenOnlyOneOfSeveralRangesIsSatisfiableShouldAnswerThatRangeAlone() throws Exception {
        String url = uploaded("a.txt", DIGITS);

        HttpResponse<byte[]> response = get(url, "bytes=20-30,2-3");

        assertThat(response.statusCode()).isEqualTo(206);
        assertThat(response.headers().firstValue(HttpHeaders.CONTENT_RANGE)).hasValue("bytes 2-3/10");
        assertThat(response.headers().firstValue(HttpHeaders.CONTENT_TYPE)).hasValue("text/plain");
        assertThat(new String(response.body(), StandardCharsets.US_ASCII)).isEqualTo("23");
    }

    @Test
    void downloadWhenNoneOfSeveralRangesIsSatisfiableShouldAnswer416WithTheSize() throws Exception {
        String url = uploaded("a.txt", DIGITS);

        HttpResponse<byte[]> response = get(url, "bytes=10-11,20-");

        assertThat(response.statusCode()).isEqualTo(416);
        assertThat(response.headers().firstValue(HttpHeaders.CONTENT_RANGE)).hasValue("bytes */10");
        assertThat(new String(response.body(), StandardCharsets.UTF_8))
                .contains("the range 'bytes=10-11,20-' does not overlap the 10 bytes of the blob");
    }

    @Test
    void downloadWhenRangeHeaderIsMalformedOrAnotherUnitShouldAnswerTheWholeFileWithItsLength() throws Exception {
        String url = uploaded("a.txt", DIGITS);

        for (String range : List.of("bytes=0-1,x", "items=0-1", "bytes=5-2,0-1", "bytes=,")) {
            HttpResponse<byte[]> response = get(url, range);

            assertThat(response.statusCode()).as(range).isEqualTo(200);
            assertThat(response.body()).as(range).isEqualTo(DIGITS);
            assertThat(response.headers().firstValueAsLong(HttpHeaders.CONTENT_LENGTH))
                    .as(range)
                    .hasValue(10);
        }
    }

    @Test
    void downloadWhenMoreRangesThanTheLimitAreAskedShouldAnswerTheWholeFile() throws Exception {
        String url = uploaded("a.txt", "abcdefghijklmnopqrstuvwxyz".getBytes(StandardCharsets.US_ASCII));
        StringBuilder ranges = new StringBuilder("bytes=0-0");
        for (int i = 1; i <= 16; i++) {
            ranges.append(',').append(i).append('-').append(i);
        }

        HttpResponse<byte[]> response = get(url, ranges.toString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).hasSize(26);
    }

    private String uploaded(String file, byte[] content) {
        String url = "/generic/files/ranges-" + UUID.randomUUID().toString().substring(0, 8) + "/1.0/" + file;
        client.put()
                .uri(url)
                .header(HttpHeaders.AUTHORIZATION, basic(WRITER))
                .bodyValue(content)
                .exchange()
                .expectStatus()
                .isCreated();
        return url;
    }

    private HttpResponse<byte[]> get(String url, String range) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(url)).header(HttpHeaders.RANGE, range));
    }

    private HttpResponse<byte[]> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(
                request.header(HttpHeaders.AUTHORIZATION, basic(READER))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
