package dev.wharf.runtime.oci;

import static dev.wharf.runtime.oci.OciContent.OCI_MANIFEST;
import static dev.wharf.runtime.oci.OciContent.blob;
import static dev.wharf.runtime.oci.OciContent.digest;
import static dev.wharf.runtime.testing.TestRuntime.READER;
import static dev.wharf.runtime.testing.TestRuntime.basic;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Manifests and blobs carry the entity tag {@code "<digest>"}; a GET or HEAD whose {@code If-None-Match} names it (or
 * is {@code *}) is answered 304 without a body but with the {@code Docker-Content-Digest}, by tag and by digest.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class ConditionalPullsTest {

    @TempDir
    static Path root;

    @DynamicPropertySource
    static void configure(DynamicPropertyRegistry registry) {
        OciTestRuntime.configure(registry, root);
    }

    @Autowired
    private WebTestClient client;

    private String repository;
    private byte[] manifest;
    private byte[] config;

    private void pushImage() {
        repository = "/v2/images/team/app-" + UUID.randomUUID().toString().substring(0, 8);
        config = blob(40);
        manifest = OciContent.image(OCI_MANIFEST, config, List.of());
        new OciHttp(client).pushImage(repository, "1.0", manifest, OCI_MANIFEST, List.of(config));
    }

    private WebTestClient.ResponseSpec send(HttpMethod method, String path, String ifNoneMatch) {
        return client.method(method)
                .uri(repository + path)
                .header(HttpHeaders.AUTHORIZATION, basic(READER))
                .header(HttpHeaders.ACCEPT, OCI_MANIFEST)
                .header(HttpHeaders.IF_NONE_MATCH, ifNoneMatch)
                .exchange();
    }

    @Test
    void aManifestPulledByTagOrDigestWithItsEntityTagIsNotModifiedWithItsDigestAndNoBody() {
        pushImage();
        String etag = "\"" + digest(manifest) + "\"";
        for (HttpMethod method : List.of(HttpMethod.GET, HttpMethod.HEAD)) {
            for (String reference : List.of("1.0", digest(manifest))) {
                send(method, "/manifests/" + reference, etag)
                        .expectStatus()
                        .isNotModified()
                        .expectHeader()
                        .valueEquals(HttpHeaders.ETAG, etag)
                        .expectHeader()
                        .valueEquals("Docker-Content-Digest", digest(manifest))
                        .expectBody()
                        .isEmpty();
            }
        }
    }

    @Test
    void aManifestPulledWithIfNoneMatchStarIsNotModified() {
        pushImage();

        send(HttpMethod.GET, "/manifests/1.0", "*")
                .expectStatus()
                .isNotModified()
                .expectHeader()
                .valueEquals("Docker-Content-Digest", digest(manifest))
                .expectBody()
                .isEmpty();
    }

    @Test
    void aManifestPulledWithAnotherEntityTagIsServedWholeWithItsEntityTag() {
        pushImage();

        send(HttpMethod.GET, "/manifests/1.0", "\"" + digest(config) + "\"")
                .expectStatus()
                .isOk()
                .expectHeader()
                .valueEquals(HttpHeaders.ETAG, "\"" + digest(manifest) + "\"")
                .expectBody(byte[].class)
                .isEqualTo(manifest);
    }

    @Test
    void aBlobPulledWithItsEntityTagIsNotModifiedWithItsDigestAndNoBody() {
        pushImage();
        String etag = "\"" + digest(config) + "\"";

        send(HttpMethod.GET, "/blobs/" + digest(config), etag)
                .expectStatus()
                .isNotModified()
                .expectHeader()
                .valueEquals(HttpHeaders.ETAG, etag)
                .expectHeader()
                .valueEquals("Docker-Content-Digest", digest(config))
                .expectBody()
                .isEmpty();
        send(HttpMethod.GET, "/blobs/" + digest(config), "\"" + digest(manifest) + "\"")
                .expectStatus()
                .isOk()
                .expectBody(byte[].class)
                .isEqualTo(config);
    }

    @Test
    void aManifestThatIsNotThereIsManifestUnknownEvenWithIfNoneMatchStar() {
        pushImage();

        send(HttpMethod.GET, "/manifests/2.0", "*")
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.errors[0].code")
                .isEqualTo("MANIFEST_UNKNOWN");
    }
}
