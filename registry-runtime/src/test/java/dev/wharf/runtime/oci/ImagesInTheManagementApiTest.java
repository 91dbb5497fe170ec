package dev.wharf.runtime.oci;

import static dev.wharf.runtime.oci.OciContent.DOCKER_MANIFEST;
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
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Images pushed over the distribution API appear in the management API: the repository as a package, each manifest
 * as a version named by its digest whose files are the manifest and its blobs, and the tags with the digest each
 * points at.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class ImagesInTheManagementApiTest {

    @TempDir
    static Path root;

    @DynamicPropertySource
    static void configure(DynamicPropertyRegistry registry) {
        OciTestRuntime.configure(registry, root);
    }

    @Autowired
    private WebTestClient client;

    @Test
    void tagsShouldListEachTagWithTheDigestItPointsAtAndTheManifestShouldDownloadAsPushed() {
        String name = "team/app-" + UUID.randomUUID().toString().substring(0, 8);
        byte[] config = blob(120);
        byte[] layer = blob(700);
        byte[] first = OciContent.image(OCI_MANIFEST, config, List.of(layer));
        byte[] extra = blob(50);
        byte[] second = OciContent.image(DOCKER_MANIFEST, config, List.of(layer, extra));
        OciHttp http = new OciHttp(client);
        http.pushImage("/v2/images/" + name, "1.0", first, OCI_MANIFEST, List.of(config, layer));
        http.pushImage("/v2/images/" + name, "latest", second, DOCKER_MANIFEST, List.of(config, layer, extra));
        http.pushManifest("/v2/images/" + name, "stable", first, OCI_MANIFEST);

        // The template encodes the variable whole: the '/' of the repository name is sent as %2F.
        String pkg = "/api/v1/registries/images/packages/{package}";
        client.get()
                .uri(pkg + "/tags", name)
                .header(HttpHeaders.AUTHORIZATION, basic(READER))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$[*].name")
                .isEqualTo(List.of("1.0", "latest", "stable"))
                .jsonPath("$[0].version")
                .isEqualTo(digest(first))
                .jsonPath("$[1].version")
                .isEqualTo(digest(second))
                .jsonPath("$[2].version")
                .isEqualTo(digest(first));

        client.get()
                .uri(pkg + "/versions", name)
                .header(HttpHeaders.AUTHORIZATION, basic(READER))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.length()")
                .isEqualTo(2)
                .jsonPath("$[?(@.latest == true)].version")
                .isEqualTo(List.of(digest(second)));

        client.get()
                .uri(pkg + "/versions/{version}/files", name, digest(first))
                .header(HttpHeaders.AUTHORIZATION, basic(READER))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$[*].sha256")
                .value(digests -> org.assertj.core.api.Assertions.assertThat(digests.toString())
                        .contains(
                                digest(first).substring(7),
                                digest(config).substring(7),
                                digest(layer).substring(7)));
    }
}
