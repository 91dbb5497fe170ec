package dev.wharf.runtime.oci;

import static dev.wharf.runtime.oci.OciContent.OCI_MANIFEST;
import static dev.wharf.runtime.oci.OciContent.blob;
import static dev.wharf.runtime.testing.TestRuntime.DELETER;
import static dev.wharf.runtime.testing.TestRuntime.READER;
import static dev.wharf.runtime.testing.TestRuntime.basic;
import static org.assertj.core.api.Assertions.assertThat;

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
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Requirements of the OCI distribution-spec v1.1.1 that its conformance suite checks and Wharf once failed, each test
 * named after the MUST it proves.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class DistributionSpecConformanceTest {

    /** The reference the conformance suite pulls, which is neither a tag nor a digest. */
    private static final String INVALID_REFERENCE = ".INVALID_MANIFEST_NAME";

    @TempDir
    static Path root;

    @DynamicPropertySource
    static void configure(DynamicPropertyRegistry registry) {
        OciTestRuntime.configure(registry, root);
    }

    @Autowired
    private WebTestClient client;

    @Test
    void pullOfAManifestThatDoesNotExistMustBe404ManifestUnknownEvenWhenTheReferenceIsNoValidTag() {
        String repository = pushedRepository();

        client.get()
                .uri(repository + "/manifests/" + INVALID_REFERENCE)
                .header(HttpHeaders.AUTHORIZATION, basic(READER))
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.errors[0].code")
                .isEqualTo("MANIFEST_UNKNOWN")
                .jsonPath("$.errors[0].message")
                .value(message -> assertThat((String) message)
                        .contains("'" + INVALID_REFERENCE + "' is neither a digest nor a valid tag"));
    }

    @Test
    void headOfAManifestThatDoesNotExistMustBe404EvenWhenTheReferenceIsNoValidTag() {
        String repository = pushedRepository();

        client.head()
                .uri(repository + "/manifests/" + INVALID_REFERENCE)
                .header(HttpHeaders.AUTHORIZATION, basic(READER))
                .exchange()
                .expectStatus()
                .isNotFound();
    }

    @Test
    void deleteOfATagWhereTagDeletionIsDisabledMustBe400Or405() {
        String repository = pushedRepository();

        client.delete()
                .uri(repository + "/manifests/1.0")
                .header(HttpHeaders.AUTHORIZATION, basic(DELETER))
                .exchange()
                .expectStatus()
                .isEqualTo(405)
                .expectBody()
                .jsonPath("$.errors[0].code")
                .isEqualTo("UNSUPPORTED");
    }

    /** A repository of {@code images} (tags immutable: tag deletion disabled) holding one image tagged 1.0. */
    private String pushedRepository() {
        String repository =
                "/v2/images/conformance/app-" + UUID.randomUUID().toString().substring(0, 8);
        byte[] config = blob(40);
        byte[] manifest = OciContent.image(OCI_MANIFEST, config, List.of());
        new OciHttp(client).pushImage(repository, "1.0", manifest, OCI_MANIFEST, List.of(config));
        return repository;
    }
}
