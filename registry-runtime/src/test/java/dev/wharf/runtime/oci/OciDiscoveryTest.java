package dev.wharf.runtime.oci;

import static dev.wharf.runtime.oci.OciContent.OCI_MANIFEST;
import static dev.wharf.runtime.oci.OciContent.blob;
import static dev.wharf.runtime.oci.OciContent.digest;
import static dev.wharf.runtime.testing.TestRuntime.DELETER;
import static dev.wharf.runtime.testing.TestRuntime.READER;
import static dev.wharf.runtime.testing.TestRuntime.WRITER;
import static dev.wharf.runtime.testing.TestRuntime.basic;

import dev.wharf.runtime.metadata.DownloadCounter;
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
import org.springframework.test.json.JsonCompareMode;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Content discovery (tags, referrers, catalog), content management (deletes) and images in the management API. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class OciDiscoveryTest {

    @TempDir
    static Path root;

    @DynamicPropertySource
    static void configure(DynamicPropertyRegistry registry) {
        OciTestRuntime.configure(registry, root);
    }

    @Autowired
    private WebTestClient client;

    @Autowired
    private DownloadCounter downloads;

    private String name;
    private String repository;

    private void newRepository() {
        name = "team/app-" + UUID.randomUUID().toString().substring(0, 8);
        repository = "/v2/images/" + name;
    }

    /** Pushes a small image under each tag; the manifest. */
    private byte[] pushImage(String... tags) {
        byte[] config = blob(30);
        byte[] manifest = OciContent.image(OCI_MANIFEST, config, List.of());
        OciHttp http = new OciHttp(client);
        http.pushBlob(repository, config);
        for (String tag : tags) {
            http.pushManifest(repository, tag, manifest, OCI_MANIFEST);
        }
        return manifest;
    }

    @Test
    void tagListIsInLexicalOrderAndPagedWithNAndLastAndALinkToTheNextPage() {
        newRepository();
        pushImage("v2", "v10", "latest", "v1");

        client.get()
                .uri(repository + "/tags/list")
                .header(HttpHeaders.AUTHORIZATION, basic(READER))
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .doesNotExist(HttpHeaders.LINK)
                .expectBody()
                .json(
                        "{\"name\":\"images/" + name + "\",\"tags\":[\"latest\",\"v1\",\"v10\",\"v2\"]}",
                        JsonCompareMode.STRICT);
        client.get()
                .uri(repository + "/tags/list?n=2")
                .header(HttpHeaders.AUTHORIZATION, basic(READER))
                .exchange()
                .expectHeader()
                .valueEquals(HttpHeaders.LINK, "<" + repository + "/tags/list?n=2&last=v1>; rel=\"next\"")
                .expectBody()
                .jsonPath("$.tags")
                .isEqualTo(List.of("latest", "v1"));
        client.get()
                .uri(repository + "/tags/list?n=2&last=v1")
                .header(HttpHeaders.AUTHORIZATION, basic(READER))
                .exchange()
                .expectBody()
                .jsonPath("$.tags")
                .isEqualTo(List.of("v10", "v2"));
    }

    @Test
    void referrersListTheManifestsWhoseSubjectIsTheDigestFilteredByArtifactType() {
        newRepository();
        byte[] subject = pushImage("v1");
        byte[] empty = "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        new OciHttp(client).pushBlob(repository, empty);
        byte[] signature = OciContent.referrer("application/vnd.example.signature", empty, subject, OCI_MANIFEST);
        byte[] sbom = OciContent.referrer("application/vnd.example.sbom", empty, subject, OCI_MANIFEST);

        for (byte[] referrer : List.of(signature, sbom)) {
            client.put()
                    .uri(repository + "/manifests/" + digest(referrer))
                    .header(HttpHeaders.AUTHORIZATION, basic(WRITER))
                    .header(HttpHeaders.CONTENT_TYPE, OCI_MANIFEST)
                    .bodyValue(referrer)
                    .exchange()
                    .expectStatus()
                    .isCreated()
                    .expectHeader()
                    .valueEquals("OCI-Subject", digest(subject));
        }

        client.get()
                .uri(repository + "/referrers/" + digest(subject))
                .header(HttpHeaders.AUTHORIZATION, basic(READER))
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentType(OciContent.OCI_INDEX)
                .expectBody()
                .jsonPath("$.manifests.length()")
                .isEqualTo(2);
        client.get()
                .uri(repository + "/referrers/" + digest(subject) + "?artifactType=application/vnd.example.sbom")
                .header(HttpHeaders.AUTHORIZATION, basic(READER))
                .exchange()
                .expectHeader()
                .valueEquals("OCI-Filters-Applied", "artifactType")
                .expectBody()
                .json(
                        "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":[{"
                                + "\"mediaType\":\"" + OCI_MANIFEST + "\",\"digest\":\"" + digest(sbom) + "\",\"size\":"
                                + sbom.length + ",\"artifactType\":\"application/vnd.example.sbom\","
                                + "\"annotations\":{\"org.example.kind\":\"application/vnd.example.sbom\"}}]}",
                        JsonCompareMode.STRICT);
    }

    @Test
    void referrersOfADigestNothingRefersToIsAnEmptyIndex() {
        newRepository();

        client.get()
                .uri(repository + "/referrers/" + digest(blob(3)))
                .header(HttpHeaders.AUTHORIZATION, basic(READER))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .json("{\"schemaVersion\":2,\"manifests\":[]}", JsonCompareMode.LENIENT);
    }

    @Test
    void deletingAManifestByDigestMakesItAndItsTagsUnknown() {
        newRepository();
        byte[] manifest = pushImage("v1", "v2");
        pushImage("other");

        client.delete()
                .uri(repository + "/manifests/" + digest(manifest))
                .header(HttpHeaders.AUTHORIZATION, basic(DELETER))
                .exchange()
                .expectStatus()
                .isAccepted();

        for (String reference : List.of(digest(manifest), "v1", "v2")) {
            client.head()
                    .uri(repository + "/manifests/" + reference)
                    .header(HttpHeaders.AUTHORIZATION, basic(READER))
                    .exchange()
                    .expectStatus()
                    .isNotFound();
        }
        client.get()
                .uri(repository + "/tags/list")
                .header(HttpHeaders.AUTHORIZATION, basic(READER))
                .exchange()
                .expectBody()
                .jsonPath("$.tags")
                .isEqualTo(List.of("other"));
    }

    @Test
    void deletingATagWhereOverwriteIsAllowedLeavesTheManifestItPointedAt() {
        newRepository();
        // Tags can be deleted only where they may move; ImmutableTagsTest covers the other registries.
        repository = "/v2/" + OciTestRuntime.MUTABLE + "/" + name;
        byte[] manifest = pushImage("v1", "keep");

        client.delete()
                .uri(repository + "/manifests/v1")
                .header(HttpHeaders.AUTHORIZATION, basic(DELETER))
                .exchange()
                .expectStatus()
                .isAccepted();

        client.head()
                .uri(repository + "/manifests/v1")
                .header(HttpHeaders.AUTHORIZATION, basic(READER))
                .exchange()
                .expectStatus()
                .isNotFound();
        client.head()
                .uri(repository + "/manifests/" + digest(manifest))
                .header(HttpHeaders.AUTHORIZATION, basic(READER))
                .exchange()
                .expectStatus()
                .isOk();
    }

    @Test
    void deletingNeedsTheDeleteRole() {
        newRepository();
        pushImage("v1");

        client.delete()
                .uri(repository + "/manifests/v1")
                .header(HttpHeaders.AUTHORIZATION, basic(WRITER))
                .exchange()
                .expectStatus()
                .isForbidden()
                .expectBody()
                .jsonPath("$.errors[0].code")
                .isEqualTo("DENIED");
    }

    @Test
    void deletingABlobMakesItUnknownInThatRepositoryOnly() {
        newRepository();
        String other = "/v2/images/team/other-" + UUID.randomUUID().toString().substring(0, 8);
        byte[] layer = blob(40);
        new OciHttp(client).pushBlob(repository, layer);
        new OciHttp(client).pushBlob(other, layer);

        client.delete()
                .uri(repository + "/blobs/" + digest(layer))
                .header(HttpHeaders.AUTHORIZATION, basic(DELETER))
                .exchange()
                .expectStatus()
                .isAccepted();

        client.head()
                .uri(repository + "/blobs/" + digest(layer))
                .header(HttpHeaders.AUTHORIZATION, basic(READER))
                .exchange()
                .expectStatus()
                .isNotFound();
        client.head()
                .uri(other + "/blobs/" + digest(layer))
                .header(HttpHeaders.AUTHORIZATION, basic(READER))
                .exchange()
                .expectStatus()
                .isOk();
    }

    @Test
    void theCatalogOfARegistryListsItsRepositoriesAsClientsNameThem() {
        newRepository();
        pushImage("v1");

        client.get()
                .uri("/v2/images/_catalog?n=1000")
                .header(HttpHeaders.AUTHORIZATION, basic(READER))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.repositories[?(@ == 'images/" + name + "')]")
                .exists();
    }

    @Test
    void theCatalogOfTheRuntimeListsTheRepositoriesOfEveryRegistryTheCallerMayRead() {
        newRepository();
        pushImage("v1");
        String publicName = "shared-" + UUID.randomUUID().toString().substring(0, 8);
        byte[] config = blob(30);
        new OciHttp(client)
                .pushImage(
                        "/v2/public-images/" + publicName,
                        "v1",
                        OciContent.image(OCI_MANIFEST, config, List.of()),
                        OCI_MANIFEST,
                        List.of(config));

        client.get()
                .uri("/v2/_catalog")
                .header(HttpHeaders.AUTHORIZATION, basic(READER))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.repositories[?(@ == 'images/" + name + "')]")
                .exists()
                .jsonPath("$.repositories[?(@ == 'public-images/" + publicName + "')]")
                .exists();
        client.get()
                .uri("/v2/_catalog")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.repositories[?(@ == 'images/" + name + "')]")
                .doesNotExist()
                .jsonPath("$.repositories[?(@ == 'public-images/" + publicName + "')]")
                .exists();
    }

    @Test
    void anImageIsAPackageWhoseVersionsAreDigestsWithTheLastPushLatestAndPullsCounted() {
        newRepository();
        pushImage("v1");
        byte[] second = pushImage("v2");
        client.get()
                .uri(repository + "/manifests/v2")
                .header(HttpHeaders.AUTHORIZATION, basic(READER))
                .exchange()
                .expectStatus()
                .isOk();
        downloads.flush().block();

        client.get()
                .uri("/api/v1/registries/images/packages/{name}", name)
                .header(HttpHeaders.AUTHORIZATION, basic(READER))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.latestVersion")
                .isEqualTo(digest(second))
                .jsonPath("$.versionCount")
                .isEqualTo(2)
                .jsonPath("$.downloads")
                .isEqualTo(1);
    }
}
