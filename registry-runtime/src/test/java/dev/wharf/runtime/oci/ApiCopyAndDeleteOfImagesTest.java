package dev.wharf.runtime.oci;

import static dev.wharf.runtime.oci.OciContent.OCI_MANIFEST;
import static dev.wharf.runtime.oci.OciContent.blob;
import static dev.wharf.runtime.testing.TestRuntime.DELETER;
import static dev.wharf.runtime.testing.TestRuntime.PASSWORD;
import static dev.wharf.runtime.testing.TestRuntime.READER;
import static dev.wharf.runtime.testing.TestRuntime.WRITER;
import static dev.wharf.runtime.testing.TestRuntime.basic;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.runtime.metadata.AllFormatRows;
import dev.wharf.runtime.metadata.MetadataDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Images copied and deleted through the management API serve as a docker client expects: a copy pulls whole from its
 * new registry, and what is deleted serves neither its manifest nor its layers, whose blobs become collectable, while
 * a copy elsewhere keeps serving. Pulls are skopeo's (Debian's), which checks every digest.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class ApiCopyAndDeleteOfImagesTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    static Path root;

    @TempDir
    Path work;

    @LocalServerPort
    int port;

    @Autowired
    private WebTestClient client;

    @Autowired
    private MetadataDatabase database;

    @Autowired
    private AllFormatRows formats;

    @DynamicPropertySource
    static void configure(DynamicPropertyRegistry registry) {
        OciTestRuntime.configure(registry, root);
    }

    @BeforeAll
    static void skopeoIsInstalled() {
        Assumptions.assumeTrue(
                Skopeo.installed(),
                "skopeo is not installed (apt-get install -y skopeo); the copy and delete tests are skipped");
    }

    @Test
    void versionCopiedIntoAnotherDockerRegistryPullsWholeFromItWithSkopeo() throws Exception {
        String repository = "team/copied-" + suffix();
        byte[] manifest = pushWithSkopeo(repository, "v1");
        String digest = OciContent.digest(manifest);

        copy(repository, digest, OciTestRuntime.MUTABLE);

        String pulled = pullWithSkopeo(OciTestRuntime.MUTABLE, repository + "@" + digest);
        assertThat(Files.readString(Path.of(pulled, "manifest.json"))).isEqualTo(utf8(manifest));
        for (String layer : blobsOf(manifest)) {
            assertThat(Path.of(pulled, layer.substring("sha256:".length()))).exists();
        }
    }

    @Test
    void multiPlatformIndexCopiedIntoAnotherDockerRegistryPullsWithEveryPlatformWithSkopeo() throws Exception {
        String repository = "team/multi-" + suffix();
        Path layoutDir = work.resolve("multi-layout");
        OciLayout layout = new OciLayout(layoutDir);
        byte[] amd64 = layout.image("amd64", List.of("x.txt"));
        byte[] arm64 = layout.image("arm64", List.of("y.txt"));
        byte[] index = layout.index(List.of(amd64, arm64), List.of("amd64", "arm64"));
        layout.tag("multi", index, OciContent.OCI_INDEX);
        Skopeo.run(
                "copy",
                "--all",
                "--dest-tls-verify=false",
                "--dest-creds",
                WRITER + ":" + PASSWORD,
                "oci:" + layoutDir + ":multi",
                "docker://localhost:" + port + "/images/" + repository + ":multi");

        copy(repository, OciContent.digest(index), OciTestRuntime.MUTABLE);

        Path pulled = work.resolve("multi-pulled");
        Skopeo.run(
                "copy",
                "--all",
                "--src-tls-verify=false",
                "--src-creds",
                READER + ":" + PASSWORD,
                "docker://localhost:" + port + "/" + OciTestRuntime.MUTABLE + "/" + repository + "@"
                        + OciContent.digest(index),
                "oci:" + pulled + ":multi");
        for (byte[] platform : List.of(amd64, arm64)) {
            for (String blob : blobsOf(platform)) {
                assertThat(pulled.resolve("blobs/sha256/" + blob.substring("sha256:".length())))
                        .exists();
            }
        }
    }

    @Test
    void packageDeletedThroughTheApiServesNoManifestNorLayerWhileItsCopyElsewhereKeepsServing() throws Exception {
        String repository = "team/deleted-" + suffix();
        byte[] manifest = pushWithSkopeo(repository, "v1");
        String digest = OciContent.digest(manifest);
        copy(repository, digest, OciTestRuntime.MUTABLE);

        client.delete()
                .uri("/api/v1/registries/images/packages/{package}", repository)
                .header(HttpHeaders.AUTHORIZATION, basic(DELETER))
                .exchange()
                .expectStatus()
                .isNoContent();

        client.get()
                .uri("/v2/images/" + repository + "/manifests/" + digest)
                .header(HttpHeaders.AUTHORIZATION, basic(READER))
                .exchange()
                .expectStatus()
                .isNotFound();
        for (String blob : blobsOf(manifest)) {
            client.get()
                    .uri("/v2/images/" + repository + "/blobs/" + blob)
                    .header(HttpHeaders.AUTHORIZATION, basic(READER))
                    .exchange()
                    .expectStatus()
                    .isNotFound()
                    .expectBody()
                    .jsonPath("$.errors[0].code")
                    .isEqualTo("BLOB_UNKNOWN");
        }
        String pulled = pullWithSkopeo(OciTestRuntime.MUTABLE, repository + "@" + digest);
        assertThat(Files.readString(Path.of(pulled, "manifest.json"))).isEqualTo(utf8(manifest));
        assertThat(collectable(blobsOf(manifest)))
                .as("still referenced by the copy")
                .isEmpty();
    }

    @Test
    void versionDeletedThroughTheApiReleasesOnlyTheBlobsNoOtherManifestOfItsRepositoryReferences() {
        String repository = "/v2/images/team/shared-" + suffix();
        byte[] shared = blob(300);
        byte[] onlyOld = blob(301);
        byte[] oldConfig = blob(40);
        byte[] newConfig = blob(41);
        byte[] old = OciContent.image(OCI_MANIFEST, oldConfig, List.of(shared, onlyOld));
        byte[] current = OciContent.image(OCI_MANIFEST, newConfig, List.of(shared));
        OciHttp http = new OciHttp(client);
        http.pushImage(repository, "1.0", old, OCI_MANIFEST, List.of(oldConfig, shared, onlyOld));
        http.pushImage(repository, "2.0", current, OCI_MANIFEST, List.of(newConfig, shared));

        client.delete()
                .uri(
                        "/api/v1/registries/images/packages/{package}/versions/{version}",
                        repository.substring("/v2/images/".length()),
                        OciContent.digest(old))
                .header(HttpHeaders.AUTHORIZATION, basic(DELETER))
                .exchange()
                .expectStatus()
                .isNoContent();

        assertBlob(repository, onlyOld, false);
        assertBlob(repository, oldConfig, false);
        assertBlob(repository, shared, true);
        assertBlob(repository, newConfig, true);
        assertThat(collectable(
                        List.of(OciContent.digest(onlyOld), OciContent.digest(oldConfig), OciContent.digest(shared))))
                .containsExactlyInAnyOrder(OciContent.digest(onlyOld), OciContent.digest(oldConfig));
    }

    private void assertBlob(String repository, byte[] blob, boolean served) {
        WebTestClient.ResponseSpec response = client.head()
                .uri(repository + "/blobs/" + OciContent.digest(blob))
                .header(HttpHeaders.AUTHORIZATION, basic(READER))
                .exchange();
        if (served) {
            response.expectStatus().isOk();
        } else {
            response.expectStatus().isNotFound();
        }
    }

    /** Those of {@code digests} that no file and no format's row references any more. */
    private List<String> collectable(List<String> digests) {
        return database.client()
                .sql("SELECT b.digest FROM blob_ref b WHERE b.digest IN (:digests) AND " + formats.unreferenced())
                .bind("digests", digests)
                .map(row -> String.valueOf(row.get("digest", String.class)))
                .all()
                .collectList()
                .block();
    }

    private void copy(String repository, String digest, String target) {
        client.post()
                .uri("/api/v1/registries/images/packages/{package}/versions/{version}/copy", repository, digest)
                .header(HttpHeaders.AUTHORIZATION, basic(WRITER))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"targetRegistry\":\"" + target + "\"}")
                .exchange()
                .expectStatus()
                .isCreated();
    }

    private byte[] pushWithSkopeo(String repository, String tag) throws Exception {
        Path layoutDir = work.resolve("layout-" + suffix());
        OciLayout layout = new OciLayout(layoutDir);
        byte[] manifest = layout.image("amd64", List.of("a.txt", "b.txt"));
        layout.tag(tag, manifest, OCI_MANIFEST);
        Skopeo.run(
                "copy",
                "--dest-tls-verify=false",
                "--dest-creds",
                WRITER + ":" + PASSWORD,
                "oci:" + layoutDir + ":" + tag,
                "docker://localhost:" + port + "/images/" + repository + ":" + tag);
        return manifest;
    }

    /** Pulls {@code reference} (a {@code name@digest}) from the registry into a directory; the directory. */
    private String pullWithSkopeo(String registry, String reference) throws Exception {
        Path dir = work.resolve("pulled-" + suffix());
        Skopeo.run(
                "copy",
                "--src-tls-verify=false",
                "--src-creds",
                READER + ":" + PASSWORD,
                "docker://localhost:" + port + "/" + registry + "/" + reference,
                "dir:" + dir);
        return dir.toString();
    }

    /** The config and layer digests of an image manifest. */
    private static List<String> blobsOf(byte[] manifest) {
        JsonNode document = JSON.readTree(manifest);
        List<String> digests = new ArrayList<>();
        digests.add(document.get("config").get("digest").asString());
        document.get("layers").forEach(layer -> digests.add(layer.get("digest").asString()));
        return digests;
    }

    private static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
