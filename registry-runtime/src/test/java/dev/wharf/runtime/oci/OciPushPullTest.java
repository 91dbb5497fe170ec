package dev.wharf.runtime.oci;

import static dev.wharf.runtime.oci.OciContent.DOCKER_LIST;
import static dev.wharf.runtime.oci.OciContent.DOCKER_MANIFEST;
import static dev.wharf.runtime.oci.OciContent.OCI_INDEX;
import static dev.wharf.runtime.oci.OciContent.OCI_MANIFEST;
import static dev.wharf.runtime.oci.OciContent.blob;
import static dev.wharf.runtime.oci.OciContent.digest;
import static dev.wharf.runtime.testing.TestRuntime.READER;
import static dev.wharf.runtime.testing.TestRuntime.WRITER;
import static dev.wharf.runtime.testing.TestRuntime.basic;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.runtime.storage.Digest;
import dev.wharf.runtime.web.ServedRegistries;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The distribution spec's pull and push workflows, each test named after the MUST it checks. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class OciPushPullTest {

    @TempDir
    static Path root;

    @DynamicPropertySource
    static void configure(DynamicPropertyRegistry registry) {
        OciTestRuntime.configure(registry, root);
    }

    @Autowired
    private WebTestClient client;

    @Autowired
    private OciUploads uploads;

    @Autowired
    private ServedRegistries registries;

    private OciHttp http() {
        return new OciHttp(client);
    }

    private static String repository() {
        return "/v2/images/team/app-" + UUID.randomUUID().toString().substring(0, 8) + "/api";
    }

    @Test
    void pullingABlobReturnsItsExactBytesWithItsDigestAndLength() {
        String repository = repository();
        byte[] layer = blob(70_000);
        http().pushBlob(repository, layer);

        client.head()
                .uri(repository + "/blobs/" + digest(layer))
                .header(HttpHeaders.AUTHORIZATION, basic(READER))
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentLength(layer.length)
                .expectHeader()
                .valueEquals("Docker-Content-Digest", digest(layer))
                .expectBody()
                .isEmpty();
        byte[] body = client.get()
                .uri(repository + "/blobs/" + digest(layer))
                .header(HttpHeaders.AUTHORIZATION, basic(READER))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(byte[].class)
                .returnResult()
                .getResponseBody();
        assertThat(body).isEqualTo(layer);
    }

    @Test
    void pullingARangeOfABlobAnswers206WithThoseBytes() {
        String repository = repository();
        byte[] layer = blob(1000);
        http().pushBlob(repository, layer);

        byte[] body = client.get()
                .uri(repository + "/blobs/" + digest(layer))
                .header(HttpHeaders.AUTHORIZATION, basic(READER))
                .header(HttpHeaders.RANGE, "bytes=100-199")
                .exchange()
                .expectStatus()
                .isEqualTo(206)
                .expectHeader()
                .valueEquals(HttpHeaders.CONTENT_RANGE, "bytes 100-199/1000")
                .expectBody(byte[].class)
                .returnResult()
                .getResponseBody();
        assertThat(body).isEqualTo(Arrays.copyOfRange(layer, 100, 200));
    }

    @Test
    void pullingABlobTheRepositoryDoesNotHaveIsBlobUnknown() {
        String repository = repository();
        byte[] elsewhere = blob(10);
        http().pushBlob(repository(), elsewhere);

        client.get()
                .uri(repository + "/blobs/" + digest(elsewhere))
                .header(HttpHeaders.AUTHORIZATION, basic(READER))
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectHeader()
                .contentType(MediaType.APPLICATION_JSON)
                .expectBody()
                .jsonPath("$.errors[0].code")
                .isEqualTo("BLOB_UNKNOWN")
                .jsonPath("$.errors[0].detail.digest")
                .isEqualTo(digest(elsewhere));
    }

    @Test
    void monolithicUploadWithPostThenPutStoresTheBlobUnderItsDigest() {
        String repository = repository();
        byte[] layer = blob(5000);
        String location = http().startUpload(repository);

        client.put()
                .uri(location + "?digest=" + digest(layer))
                .header(HttpHeaders.AUTHORIZATION, basic(WRITER))
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .bodyValue(layer)
                .exchange()
                .expectStatus()
                .isCreated()
                .expectHeader()
                .location(repository + "/blobs/" + digest(layer))
                .expectHeader()
                .valueEquals("Docker-Content-Digest", digest(layer));

        assertThat(pull(repository + "/blobs/" + digest(layer))).isEqualTo(layer);
    }

    @Test
    void chunkedUploadInOrderReportsItsRangeAndStoresTheChunksAsOneBlob() {
        String repository = repository();
        byte[] layer = blob(3000);
        String location = http().startUpload(repository);

        patch(location, Arrays.copyOfRange(layer, 0, 1000), "0-999")
                .expectStatus()
                .isAccepted()
                .expectHeader()
                .valueEquals(HttpHeaders.RANGE, "0-999")
                .expectHeader()
                .location(location);
        patch(location, Arrays.copyOfRange(layer, 1000, 2000), "1000-1999")
                .expectStatus()
                .isAccepted()
                .expectHeader()
                .valueEquals(HttpHeaders.RANGE, "0-1999");
        client.get()
                .uri(location)
                .header(HttpHeaders.AUTHORIZATION, basic(WRITER))
                .exchange()
                .expectStatus()
                .isNoContent()
                .expectHeader()
                .valueEquals(HttpHeaders.RANGE, "0-1999")
                .expectHeader()
                .location(location);
        client.put()
                .uri(location + "?digest=" + digest(layer))
                .header(HttpHeaders.AUTHORIZATION, basic(WRITER))
                .header("Content-Range", "2000-2999")
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .bodyValue(Arrays.copyOfRange(layer, 2000, 3000))
                .exchange()
                .expectStatus()
                .isCreated();

        assertThat(pull(repository + "/blobs/" + digest(layer))).isEqualTo(layer);
    }

    @Test
    void startingAnUploadAdvertisesTheMinimumChunkLength() {
        client.post()
                .uri(repository() + "/blobs/uploads/")
                .header(HttpHeaders.AUTHORIZATION, basic(WRITER))
                .exchange()
                .expectStatus()
                .isAccepted()
                .expectHeader()
                .valueEquals("OCI-Chunk-Min-Length", String.valueOf(BlobUploads.CHUNK_MIN_LENGTH))
                .expectHeader()
                .valueEquals(HttpHeaders.RANGE, "0-0");
    }

    @Test
    void aChunkOutOfOrderIsRefusedWith416AndTheRangeReceivedSoFar() {
        String repository = repository();
        String location = http().startUpload(repository);
        patch(location, blob(100), "0-99").expectStatus().isAccepted();

        patch(location, blob(100), "200-299")
                .expectStatus()
                .isEqualTo(416)
                .expectHeader()
                .valueEquals(HttpHeaders.RANGE, "0-99")
                .expectHeader()
                .location(location)
                .expectBody()
                .jsonPath("$.errors[0].code")
                .isEqualTo("RANGE_INVALID")
                .jsonPath("$.errors[0].message")
                .value(message -> assertThat((String) message).contains("send the next chunk from byte 100"));
    }

    @Test
    void completingAnUploadWithAnotherDigestIsDigestInvalidAndStoresNothing() {
        String repository = repository();
        byte[] layer = blob(100);
        byte[] other = blob(100);
        String location = http().startUpload(repository);

        client.put()
                .uri(location + "?digest=" + digest(other))
                .header(HttpHeaders.AUTHORIZATION, basic(WRITER))
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .bodyValue(layer)
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].code")
                .isEqualTo("DIGEST_INVALID");

        client.head()
                .uri(repository + "/blobs/" + digest(other))
                .header(HttpHeaders.AUTHORIZATION, basic(READER))
                .exchange()
                .expectStatus()
                .isNotFound();
    }

    @Test
    void aCancelledUploadIsBlobUploadUnknownAfterwards() {
        String location = http().startUpload(repository());

        client.delete()
                .uri(location)
                .header(HttpHeaders.AUTHORIZATION, basic(WRITER))
                .exchange()
                .expectStatus()
                .isNoContent();

        client.get()
                .uri(location)
                .header(HttpHeaders.AUTHORIZATION, basic(WRITER))
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.errors[0].code")
                .isEqualTo("BLOB_UPLOAD_UNKNOWN");
    }

    @Test
    void mountingABlobFromAnotherRepositoryAnswers201AndServesItWithoutAnUpload() {
        String source = repository();
        String target = repository();
        byte[] layer = blob(500);
        http().pushBlob(source, layer);

        client.post()
                .uri(target + "/blobs/uploads/?mount=" + digest(layer) + "&from=" + source.substring("/v2/".length()))
                .header(HttpHeaders.AUTHORIZATION, basic(WRITER))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectHeader()
                .location(target + "/blobs/" + digest(layer))
                .expectHeader()
                .valueEquals("Docker-Content-Digest", digest(layer));

        assertThat(pull(target + "/blobs/" + digest(layer))).isEqualTo(layer);
    }

    @Test
    void mountingABlobTheSourceDoesNotHaveFallsBackToAnUploadSession() {
        byte[] layer = blob(500);

        client.post()
                .uri(repository() + "/blobs/uploads/?mount=" + digest(layer) + "&from=images/nothing/here")
                .header(HttpHeaders.AUTHORIZATION, basic(WRITER))
                .exchange()
                .expectStatus()
                .isAccepted()
                .expectHeader()
                .exists(HttpHeaders.LOCATION);
    }

    @Test
    void aManifestPulledByTagAndByDigestHasTheExactBytesAndMediaTypePushed() {
        String repository = repository();
        byte[] config = blob(200);
        byte[] layer = blob(300);
        byte[] manifest = OciContent.image(DOCKER_MANIFEST, config, List.of(layer));
        http().pushImage(repository, "v1", manifest, DOCKER_MANIFEST, List.of(config, layer));

        for (String reference : List.of("v1", digest(manifest))) {
            byte[] body = client.get()
                    .uri(repository + "/manifests/" + reference)
                    .header(HttpHeaders.AUTHORIZATION, basic(READER))
                    .header(HttpHeaders.ACCEPT, DOCKER_MANIFEST)
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectHeader()
                    .contentType(DOCKER_MANIFEST)
                    .expectHeader()
                    .valueEquals("Docker-Content-Digest", digest(manifest))
                    .expectBody(byte[].class)
                    .returnResult()
                    .getResponseBody();
            assertThat(body).isEqualTo(manifest);
        }
        client.head()
                .uri(repository + "/manifests/v1")
                .header(HttpHeaders.AUTHORIZATION, basic(READER))
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentLength(manifest.length)
                .expectBody()
                .isEmpty();
        assertThat(pull(repository + "/blobs/" + digest(manifest))).isEqualTo(manifest);
    }

    @Test
    void aMethodTheApiDoesNotHaveIsUnsupportedInTheErrorShape() {
        client.post()
                .uri("/v2/")
                .header(HttpHeaders.AUTHORIZATION, basic(READER))
                .exchange()
                .expectStatus()
                .isEqualTo(405)
                .expectBody()
                .jsonPath("$.errors[0].code")
                .isEqualTo("UNSUPPORTED");
    }

    @Test
    void aManifestWithWhitespaceKeepsItsBytesAndItsDigestIsOfThoseBytes() {
        String repository = repository();
        byte[] config = blob(20);
        byte[] manifest = new String(
                        OciContent.image(OCI_MANIFEST, config, List.of()), java.nio.charset.StandardCharsets.UTF_8)
                .replace(",", ",\n   ")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        http().pushImage(repository, "pretty", manifest, OCI_MANIFEST, List.of(config));

        assertThat(pull(repository + "/manifests/" + digest(manifest))).isEqualTo(manifest);
    }

    @Test
    void pushingAManifestReferencingAnUnknownBlobIsRefusedWithManifestBlobUnknown() {
        String repository = repository();
        byte[] config = blob(200);
        byte[] missing = blob(300);
        http().pushBlob(repository, config);
        byte[] manifest = OciContent.image(OCI_MANIFEST, config, List.of(missing));

        client.put()
                .uri(repository + "/manifests/v1")
                .header(HttpHeaders.AUTHORIZATION, basic(WRITER))
                .header(HttpHeaders.CONTENT_TYPE, OCI_MANIFEST)
                .bodyValue(manifest)
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].code")
                .isEqualTo("MANIFEST_BLOB_UNKNOWN")
                .jsonPath("$.errors[0].detail.digest")
                .isEqualTo(digest(missing));
        client.get()
                .uri(repository + "/manifests/v1")
                .header(HttpHeaders.AUTHORIZATION, basic(READER))
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.errors[0].code")
                .isEqualTo("MANIFEST_UNKNOWN");
    }

    @Test
    void pushingAnIndexReferencingAnUnknownManifestIsRefusedWithManifestBlobUnknown() {
        String repository = repository();
        byte[] child = OciContent.image(OCI_MANIFEST, blob(10), List.of());
        Map<byte[], String> children = Map.of(child, OCI_MANIFEST);

        client.put()
                .uri(repository + "/manifests/multi")
                .header(HttpHeaders.AUTHORIZATION, basic(WRITER))
                .header(HttpHeaders.CONTENT_TYPE, OCI_INDEX)
                .bodyValue(OciContent.index(OCI_INDEX, children))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].code")
                .isEqualTo("MANIFEST_BLOB_UNKNOWN")
                .jsonPath("$.errors[0].detail.digest")
                .isEqualTo(digest(child));
    }

    @Test
    void multiArchIndexesAndManifestListsArePushedAfterTheirManifestsAndPulledAsPushed() {
        String repository = repository();
        Map<byte[], String> ociChildren = new LinkedHashMap<>();
        Map<byte[], String> dockerChildren = new LinkedHashMap<>();
        for (int i = 0; i < 2; i++) {
            byte[] config = blob(50);
            byte[] layer = blob(60);
            byte[] oci = OciContent.image(OCI_MANIFEST, config, List.of(layer));
            byte[] docker = OciContent.image(DOCKER_MANIFEST, config, List.of(layer));
            http().pushImage(repository, digest(oci), oci, OCI_MANIFEST, List.of(config, layer));
            http().pushManifest(repository, digest(docker), docker, DOCKER_MANIFEST);
            ociChildren.put(oci, OCI_MANIFEST);
            dockerChildren.put(docker, DOCKER_MANIFEST);
        }
        byte[] index = OciContent.index(OCI_INDEX, ociChildren);
        byte[] list = OciContent.index(DOCKER_LIST, dockerChildren);

        http().pushManifest(repository, "oci", index, OCI_INDEX);
        http().pushManifest(repository, "docker", list, DOCKER_LIST);

        client.get()
                .uri(repository + "/manifests/oci")
                .header(HttpHeaders.AUTHORIZATION, basic(READER))
                .exchange()
                .expectHeader()
                .contentType(OCI_INDEX);
        client.get()
                .uri(repository + "/manifests/docker")
                .header(HttpHeaders.AUTHORIZATION, basic(READER))
                .exchange()
                .expectHeader()
                .contentType(DOCKER_LIST);
        assertThat(pull(repository + "/manifests/docker")).isEqualTo(list);
    }

    @Test
    void pushingAManifestUnderADigestItDoesNotHaveIsDigestInvalid() {
        String repository = repository();
        byte[] config = blob(20);
        http().pushBlob(repository, config);
        byte[] manifest = OciContent.image(OCI_MANIFEST, config, List.of());

        client.put()
                .uri(repository + "/manifests/" + digest(blob(5)))
                .header(HttpHeaders.AUTHORIZATION, basic(WRITER))
                .header(HttpHeaders.CONTENT_TYPE, OCI_MANIFEST)
                .bodyValue(manifest)
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].code")
                .isEqualTo("DIGEST_INVALID");
    }

    @Test
    void aManifestThatIsNotJsonIsManifestInvalid() {
        client.put()
                .uri(repository() + "/manifests/v1")
                .header(HttpHeaders.AUTHORIZATION, basic(WRITER))
                .header(HttpHeaders.CONTENT_TYPE, OCI_MANIFEST)
                .bodyValue("not json".getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].code")
                .isEqualTo("MANIFEST_INVALID");
    }

    @Test
    void aRepositoryNameOutsideTheGrammarIsNameInvalid() {
        client.get()
                .uri("/v2/images/Team/App/tags/list")
                .header(HttpHeaders.AUTHORIZATION, basic(READER))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].code")
                .isEqualTo("NAME_INVALID");
    }

    @Test
    void anUnknownRegistryIsNameUnknown() {
        client.get()
                .uri("/v2/no-such-registry/app/tags/list")
                .header(HttpHeaders.AUTHORIZATION, basic(READER))
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.errors[0].code")
                .isEqualTo("NAME_UNKNOWN");
    }

    @Test
    void anUploadIdleForAnHourIsEndedAndARecentOneKept() {
        String idle = http().startUpload(repository());
        Clock inTwoHours = Clock.offset(Clock.systemUTC(), Duration.ofHours(2));
        io.micrometer.core.instrument.simple.SimpleMeterRegistry meters =
                new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
        try (StaleUploads stale = new StaleUploads(uploads, inTwoHours, meters)) {
            Long ended = stale.purge().block();
            assertThat(ended).isPositive();
            assertThat(meters.get("wharf.uploads.abandoned").counter().count()).isEqualTo((double) ended);
        }
        String recent = http().startUpload(repository());
        try (StaleUploads stale = new StaleUploads(uploads, Clock.offset(Clock.systemUTC(), Duration.ofMinutes(30)))) {
            stale.purge().block();
        }

        client.get()
                .uri(idle)
                .header(HttpHeaders.AUTHORIZATION, basic(WRITER))
                .exchange()
                .expectStatus()
                .isNotFound();
        client.get()
                .uri(recent)
                .header(HttpHeaders.AUTHORIZATION, basic(WRITER))
                .exchange()
                .expectStatus()
                .isNoContent();
    }

    @Test
    void pushingAManifestWhoseBlobIsNoLongerStoredIsRefusedWithManifestBlobUnknown() {
        String repository = repository();
        byte[] config = blob(20);
        http().pushBlob(repository, config);
        registries
                .require(OciTestRuntime.IMAGES)
                .store()
                .delete(Digest.parse(digest(config)))
                .block();

        client.put()
                .uri(repository + "/manifests/v1")
                .header(HttpHeaders.AUTHORIZATION, basic(WRITER))
                .header(HttpHeaders.CONTENT_TYPE, OCI_MANIFEST)
                .bodyValue(OciContent.image(OCI_MANIFEST, config, List.of()))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].code")
                .isEqualTo("MANIFEST_BLOB_UNKNOWN");
    }

    private WebTestClient.ResponseSpec patch(String location, byte[] chunk, String range) {
        return client.patch()
                .uri(location)
                .header(HttpHeaders.AUTHORIZATION, basic(WRITER))
                .header("Content-Range", range)
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .bodyValue(chunk)
                .exchange();
    }

    private byte[] pull(String url) {
        return client.get()
                .uri(url)
                .header(HttpHeaders.AUTHORIZATION, basic(READER))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(byte[].class)
                .returnResult()
                .getResponseBody();
    }
}
