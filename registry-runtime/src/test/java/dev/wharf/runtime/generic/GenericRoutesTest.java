package dev.wharf.runtime.generic;

import static dev.wharf.runtime.testing.TestRuntime.ADMIN;
import static dev.wharf.runtime.testing.TestRuntime.DELETER;
import static dev.wharf.runtime.testing.TestRuntime.READER;
import static dev.wharf.runtime.testing.TestRuntime.WRITER;
import static dev.wharf.runtime.testing.TestRuntime.basic;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.runtime.testing.TestRuntime;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The generic format over HTTP, against the running runtime with filesystem storage and H2. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class GenericRoutesTest {

    @TempDir
    static Path root;

    @DynamicPropertySource
    static void configure(DynamicPropertyRegistry registry) {
        TestRuntime.configure(registry, root);
    }

    @Autowired
    private WebTestClient client;

    @Test
    void downloadWhenUploadedShouldReturnTheSameBytesContentTypeAndChecksum() {
        String pkg = unique("app");
        byte[] content = "hello wharf\n".getBytes(StandardCharsets.UTF_8);

        put("/generic/files/" + pkg + "/1.0.0/docs/readme.txt", WRITER, content)
                .expectStatus()
                .isCreated()
                .expectHeader()
                .location("/generic/files/" + pkg + "/1.0.0/docs/readme.txt")
                .expectBody()
                .jsonPath("$.sha256")
                .isEqualTo(sha256(content))
                .jsonPath("$.outcome")
                .isEqualTo("created");

        byte[] body = client.get()
                .uri("/generic/files/" + pkg + "/1.0.0/docs/readme.txt")
                .header(HttpHeaders.AUTHORIZATION, basic(READER))
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentType("text/plain")
                .expectHeader()
                .valueEquals("X-Checksum-Sha256", sha256(content))
                .expectHeader()
                .valueEquals(HttpHeaders.ETAG, "\"" + sha256(content) + "\"")
                .expectHeader()
                .valueEquals(HttpHeaders.ACCEPT_RANGES, "bytes")
                .expectBody(byte[].class)
                .returnResult()
                .getResponseBody();
        assertThat(body).isEqualTo(content);
    }

    @Test
    void uploadWhenAnonymousShouldAnswer401WithABasicChallenge() {
        client.put()
                .uri("/generic/public-files/" + unique("app") + "/1.0/a.bin")
                .bodyValue(new byte[] {1})
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"wharf\", charset=\"UTF-8\"")
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.detail")
                .isEqualTo("registry 'public-files' needs the write role; send credentials (Basic or Bearer)");
    }

    @Test
    void uploadWhenCallerOnlyReadsShouldAnswer403NamingTheRole() {
        put("/generic/files/" + unique("app") + "/1.0/a.bin", READER, new byte[] {1})
                .expectStatus()
                .isForbidden()
                .expectBody()
                .jsonPath("$.detail")
                .isEqualTo("reader does not have the write role in registry 'files'; an admin of the registry can"
                        + " grant it in spec.access.rules");
    }

    @Test
    void uploadWhenPasswordIsWrongShouldAnswer401AndNotFallBackToAnonymous() {
        client.get()
                .uri("/generic/public-files/any/1.0/a.bin")
                .header(
                        HttpHeaders.AUTHORIZATION,
                        "Basic "
                                + java.util.Base64.getEncoder()
                                        .encodeToString("reader:wrong".getBytes(StandardCharsets.UTF_8)))
                .exchange()
                .expectStatus()
                .isUnauthorized();
    }

    @Test
    void downloadWhenRegistryAllowsAnonymousReadShouldServeWithoutCredentials() {
        String url = "/generic/public-files/" + unique("app") + "/1.0/a.bin";
        put(url, WRITER, new byte[] {1, 2, 3}).expectStatus().isCreated();

        client.get().uri(url).exchange().expectStatus().isOk();
    }

    @Test
    void downloadWhenAnonymousAndRegistryIsPrivateShouldAnswer401() {
        String url = "/generic/files/" + unique("app") + "/1.0/a.bin";
        put(url, WRITER, new byte[] {1}).expectStatus().isCreated();

        client.get().uri(url).exchange().expectStatus().isUnauthorized();
    }

    @Test
    void uploadWhenAnnouncedSha256MatchesShouldStoreIt() {
        byte[] content = "checked".getBytes(StandardCharsets.UTF_8);
        client.put()
                .uri("/generic/files/" + unique("app") + "/1.0/a.txt?sha256=" + sha256(content))
                .header(HttpHeaders.AUTHORIZATION, basic(WRITER))
                .bodyValue(content)
                .exchange()
                .expectStatus()
                .isCreated();
    }

    @Test
    void uploadWhenAnnouncedSha256DiffersShouldAnswer400AndLeaveNothingVisible() {
        String url = "/generic/files/" + unique("app") + "/1.0/a.txt";
        byte[] content = "tampered".getBytes(StandardCharsets.UTF_8);
        String announced = sha256("original".getBytes(StandardCharsets.UTF_8));

        client.put()
                .uri(url)
                .header(HttpHeaders.AUTHORIZATION, basic(WRITER))
                .header("X-Checksum-Sha256", announced)
                .bodyValue(content)
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.title")
                .isEqualTo("Digest mismatch")
                .jsonPath("$.detail")
                .value(detail -> assertThat((String) detail).contains(announced).contains(sha256(content)));
        get(url, READER).expectStatus().isNotFound();
    }

    @Test
    void uploadWhenTheSameContentIsPushedAgainShouldAnswer200Unchanged() {
        String url = "/generic/files/" + unique("app") + "/1.0/a.txt";
        put(url, WRITER, new byte[] {7}).expectStatus().isCreated();

        put(url, WRITER, new byte[] {7})
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.outcome")
                .isEqualTo("unchanged");
    }

    @Test
    void uploadWhenOtherContentIsPushedToAnImmutableVersionShouldAnswer409AndKeepTheFirst() {
        String url = "/generic/files/" + unique("app") + "/1.0/a.txt";
        put(url, WRITER, new byte[] {1}).expectStatus().isCreated();

        put(url, WRITER, new byte[] {2})
                .expectStatus()
                .isEqualTo(HttpStatus.CONFLICT)
                .expectBody()
                .jsonPath("$.detail")
                .value(detail -> assertThat((String) detail).contains("versions are immutable in this registry"));
        assertThat(download(url, READER)).containsExactly(1);
    }

    @Test
    void uploadWhenRegistryAllowsOverwriteShouldReplaceTheContent() {
        String url = "/generic/copies/" + unique("app") + "/1.0/a.txt";
        put(url, WRITER, new byte[] {1}).expectStatus().isCreated();

        put(url, WRITER, new byte[] {2})
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.outcome")
                .isEqualTo("replaced");
        assertThat(download(url, READER)).containsExactly(2);
    }

    @Test
    void downloadWhenVersionIsLatestShouldServeTheLastPushedVersion() {
        String pkg = unique("app");
        put("/generic/files/" + pkg + "/1.0/app.bin", WRITER, new byte[] {1})
                .expectStatus()
                .isCreated();
        put("/generic/files/" + pkg + "/2.0/app.bin", WRITER, new byte[] {2})
                .expectStatus()
                .isCreated();

        assertThat(download("/generic/files/" + pkg + "/latest/app.bin", READER))
                .containsExactly(2);
    }

    @Test
    void downloadWhenRangeIsAskedShouldAnswer206WithThosesBytes() {
        String url = "/generic/files/" + unique("app") + "/1.0/a.txt";
        put(url, WRITER, "0123456789".getBytes(StandardCharsets.UTF_8))
                .expectStatus()
                .isCreated();

        client.get()
                .uri(url)
                .header(HttpHeaders.AUTHORIZATION, basic(READER))
                .header(HttpHeaders.RANGE, "bytes=2-5")
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.PARTIAL_CONTENT)
                .expectHeader()
                .valueEquals(HttpHeaders.CONTENT_RANGE, "bytes 2-5/10")
                .expectBody(String.class)
                .isEqualTo("2345");
    }

    @Test
    void downloadWhenRangeStartsAfterTheEndShouldAnswer416() {
        String url = "/generic/files/" + unique("app") + "/1.0/a.txt";
        put(url, WRITER, new byte[] {1, 2}).expectStatus().isCreated();

        client.get()
                .uri(url)
                .header(HttpHeaders.AUTHORIZATION, basic(READER))
                .header(HttpHeaders.RANGE, "bytes=10-")
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE)
                .expectHeader()
                .valueEquals(HttpHeaders.CONTENT_RANGE, "bytes */2");
    }

    @Test
    void headWhenFileExistsShouldAnswerItsHeadersWithoutABody() {
        String url = "/generic/files/" + unique("app") + "/1.0/a.bin";
        put(url, WRITER, new byte[] {1, 2, 3}).expectStatus().isCreated();

        client.head()
                .uri(url)
                .header(HttpHeaders.AUTHORIZATION, basic(READER))
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentLength(3)
                .expectBody()
                .isEmpty();
    }

    @Test
    void downloadWhenIfNoneMatchHoldsTheDigestShouldAnswer304() {
        String url = "/generic/files/" + unique("app") + "/1.0/a.bin";
        byte[] content = {4, 5};
        put(url, WRITER, content).expectStatus().isCreated();

        client.get()
                .uri(url)
                .header(HttpHeaders.AUTHORIZATION, basic(READER))
                .header(HttpHeaders.IF_NONE_MATCH, "\"" + sha256(content) + "\"")
                .exchange()
                .expectStatus()
                .isNotModified();
    }

    @Test
    void downloadShouldCarryTheStoredTimeAsLastModifiedAndAnswer304ToAnIfModifiedSinceNotBeforeIt() {
        String url = "/generic/files/" + unique("app") + "/1.0/a.bin";
        put(url, WRITER, new byte[] {6, 7}).expectStatus().isCreated();
        String lastModified = client.get()
                .uri(url)
                .header(HttpHeaders.AUTHORIZATION, basic(READER))
                .exchange()
                .expectStatus()
                .isOk()
                .returnResult(byte[].class)
                .getResponseHeaders()
                .getFirst(HttpHeaders.LAST_MODIFIED);
        assertThat(lastModified).isNotNull();
        ZonedDateTime stored = ZonedDateTime.parse(lastModified, DateTimeFormatter.RFC_1123_DATE_TIME);
        assertThat(stored)
                .isBetween(
                        ZonedDateTime.now().minusMinutes(5), ZonedDateTime.now().plusMinutes(1));

        client.head()
                .uri(url)
                .header(HttpHeaders.AUTHORIZATION, basic(READER))
                .exchange()
                .expectHeader()
                .valueEquals(HttpHeaders.LAST_MODIFIED, lastModified);
        client.get()
                .uri(url)
                .header(HttpHeaders.AUTHORIZATION, basic(READER))
                .header(HttpHeaders.IF_MODIFIED_SINCE, lastModified)
                .exchange()
                .expectStatus()
                .isNotModified();
        client.get()
                .uri(url)
                .header(HttpHeaders.AUTHORIZATION, basic(READER))
                .header(
                        HttpHeaders.IF_MODIFIED_SINCE,
                        DateTimeFormatter.RFC_1123_DATE_TIME.format(stored.minusSeconds(1)))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(byte[].class)
                .isEqualTo(new byte[] {6, 7});
        // If-None-Match wins over If-Modified-Since (RFC 9110): another ETag means the copy is stale.
        client.get()
                .uri(url)
                .header(HttpHeaders.AUTHORIZATION, basic(READER))
                .header(HttpHeaders.IF_NONE_MATCH, "\"other\"")
                .header(HttpHeaders.IF_MODIFIED_SINCE, lastModified)
                .exchange()
                .expectStatus()
                .isOk();
    }

    @Test
    void uploadWhenBodyExceedsTheRegistryLimitShouldAnswer413() {
        put("/generic/public-files/" + unique("app") + "/1.0/big.bin", WRITER, new byte[(1 << 20) + 1])
                .expectStatus()
                .isEqualTo(HttpStatus.CONTENT_TOO_LARGE)
                .expectBody()
                .jsonPath("$.title")
                .isEqualTo("Upload too large");
    }

    @Test
    void deleteWhenCallerHasTheDeleteRoleShouldRemoveTheFile() {
        String url = "/generic/files/" + unique("app") + "/1.0/a.bin";
        put(url, WRITER, new byte[] {1}).expectStatus().isCreated();

        client.delete()
                .uri(url)
                .header(HttpHeaders.AUTHORIZATION, basic(DELETER))
                .exchange()
                .expectStatus()
                .isNoContent();
        get(url, READER).expectStatus().isNotFound();
    }

    @Test
    void deleteWhenCallerOnlyWritesShouldAnswer403AndKeepTheFile() {
        String url = "/generic/files/" + unique("app") + "/1.0/a.bin";
        put(url, WRITER, new byte[] {1}).expectStatus().isCreated();

        client.delete()
                .uri(url)
                .header(HttpHeaders.AUTHORIZATION, basic(WRITER))
                .exchange()
                .expectStatus()
                .isForbidden();
        get(url, READER).expectStatus().isOk();
    }

    @Test
    void deleteWhenUrlEndsAtTheVersionShouldRemoveTheWholeVersion() {
        String pkg = unique("app");
        put("/generic/files/" + pkg + "/1.0/a.bin", WRITER, new byte[] {1})
                .expectStatus()
                .isCreated();
        put("/generic/files/" + pkg + "/1.0/b.bin", WRITER, new byte[] {2})
                .expectStatus()
                .isCreated();

        client.delete()
                .uri("/generic/files/" + pkg + "/1.0")
                .header(HttpHeaders.AUTHORIZATION, basic(ADMIN))
                .exchange()
                .expectStatus()
                .isNoContent();
        get("/generic/files/" + pkg + "/1.0/b.bin", READER).expectStatus().isNotFound();
    }

    @Test
    void requestWhenRegistryDoesNotExistShouldAnswer404NamingIt() {
        get("/generic/nowhere/app/1.0/a.bin", READER)
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.detail")
                .isEqualTo("no registry named 'nowhere' is served here; GET /api/v1/registries lists the registries");
    }

    @Test
    void requestWhenRegistryServesAnotherFormatShouldAnswer404NamingItsFormat() {
        get("/generic/jars/app/1.0/a.bin", READER)
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.detail")
                .isEqualTo("registry 'jars' serves maven, not generic; use the maven URLs");
    }

    @Test
    void requestWhenFormatIsNotServedShouldAnswer400NamingTheFormatAndTheFormatsServed() {
        get("/cargo/crates/api/v1/crates/serde", READER)
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.detail")
                .isEqualTo("registry 'crates' is a cargo registry; Wharf does not serve cargo yet; formats served:"
                        + " docker/OCI (incl. Helm charts as OCI), maven, npm, pypi, generic");
    }

    private WebTestClient.ResponseSpec put(String url, String user, byte[] content) {
        return client.put()
                .uri(url)
                .header(HttpHeaders.AUTHORIZATION, basic(user))
                .bodyValue(content)
                .exchange();
    }

    private WebTestClient.ResponseSpec get(String url, String user) {
        return client.get()
                .uri(url)
                .header(HttpHeaders.AUTHORIZATION, basic(user))
                .exchange();
    }

    private byte[] download(String url, String user) {
        byte[] body = get(url, user)
                .expectStatus()
                .isOk()
                .expectBody(byte[].class)
                .returnResult()
                .getResponseBody();
        assertThat(body).isNotNull();
        return body;
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
