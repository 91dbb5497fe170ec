package dev.wharf.runtime.oci;

import static dev.wharf.runtime.oci.OciContent.OCI_MANIFEST;
import static dev.wharf.runtime.oci.OciContent.blob;
import static dev.wharf.runtime.oci.OciContent.digest;
import static dev.wharf.runtime.testing.TestRuntime.DELETER;
import static dev.wharf.runtime.testing.TestRuntime.READER;
import static dev.wharf.runtime.testing.TestRuntime.WRITER;
import static dev.wharf.runtime.testing.TestRuntime.basic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.runtime.metadata.Packages;
import dev.wharf.runtime.metadata.Versions;
import dev.wharf.runtime.storage.Digest;
import dev.wharf.runtime.web.ServedRegistries;
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
 * Tags follow the Registry's {@code spec.allowOverwrite}: unset (the documented default, false) a tag never moves and
 * cannot be deleted, while pushing the same manifest under it again succeeds, as skopeo and docker do on a re-copy. A
 * refused push is 409 with code DENIED: the request conflicts with the tag's state, and skopeo and podman would take
 * TAG_INVALID or MANIFEST_INVALID for a rejected manifest format and retry the push in another one. A refused tag
 * delete is 405 UNSUPPORTED, as the distribution spec requires where tag deletion is disabled.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class ImmutableTagsTest {

    @TempDir
    static Path root;

    @DynamicPropertySource
    static void configure(DynamicPropertyRegistry registry) {
        OciTestRuntime.configure(registry, root);
    }

    @Autowired
    private WebTestClient client;

    @Autowired
    private OciManifests manifests;

    @Autowired
    private Packages packages;

    @Autowired
    private Versions versions;

    @Autowired
    private ServedRegistries registries;

    private static String name() {
        return "team/app-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Pushes a one-config image under {@code tag}; its manifest. */
    private byte[] pushImage(String repository, String tag) {
        byte[] config = blob(30);
        byte[] manifest = OciContent.image(OCI_MANIFEST, config, List.of());
        new OciHttp(client).pushImage(repository, tag, manifest, OCI_MANIFEST, List.of(config));
        return manifest;
    }

    private WebTestClient.ResponseSpec putManifest(String repository, String reference, byte[] manifest) {
        return client.put()
                .uri(repository + "/manifests/" + reference)
                .header(HttpHeaders.AUTHORIZATION, basic(WRITER))
                .header(HttpHeaders.CONTENT_TYPE, OCI_MANIFEST)
                .bodyValue(manifest)
                .exchange();
    }

    private String taggedDigest(String repository, String tag) {
        return client.head()
                .uri(repository + "/manifests/" + tag)
                .header(HttpHeaders.AUTHORIZATION, basic(READER))
                .exchange()
                .expectStatus()
                .isOk()
                .returnResult(Void.class)
                .getResponseHeaders()
                .getFirst("Docker-Content-Digest");
    }

    @Test
    void pushingAnotherManifestUnderAnExistingTagWhereOverwriteIsNotAllowedIsA409DeniedNamingTagDigestAndSetting() {
        String name = name();
        String repository = "/v2/images/" + name;
        byte[] first = pushImage(repository, "1.0");
        byte[] config = blob(31);
        byte[] second = OciContent.image(OCI_MANIFEST, config, List.of());
        new OciHttp(client).pushBlob(repository, config);

        putManifest(repository, "1.0", second)
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.errors[0].code")
                .isEqualTo("DENIED")
                .jsonPath("$.errors[0].message")
                .isEqualTo("tag 1.0 of images/" + name + " points at " + digest(first)
                        + ", and tags are immutable in registry 'images' (spec.allowOverwrite is false): push it"
                        + " under a new tag, or set spec.allowOverwrite: true on the Registry to let tags move")
                .jsonPath("$.errors[0].detail.tag")
                .isEqualTo("1.0")
                .jsonPath("$.errors[0].detail.digest")
                .isEqualTo(digest(first));

        assertThat(taggedDigest(repository, "1.0")).isEqualTo(digest(first));
        client.head()
                .uri(repository + "/manifests/" + digest(second))
                .header(HttpHeaders.AUTHORIZATION, basic(READER))
                .exchange()
                .expectStatus()
                .isNotFound();
    }

    @Test
    void pushingTheSameManifestUnderItsTagAgainSucceedsWhereOverwriteIsNotAllowed() {
        String repository = "/v2/images/" + name();
        byte[] manifest = pushImage(repository, "1.0");

        new OciHttp(client).pushManifest(repository, "1.0", manifest, OCI_MANIFEST);

        assertThat(taggedDigest(repository, "1.0")).isEqualTo(digest(manifest));
    }

    @Test
    void aNewTagForAManifestAlreadyTaggedIsAllowedWhereOverwriteIsNotAllowed() {
        String repository = "/v2/images/" + name();
        byte[] manifest = pushImage(repository, "1.0");

        new OciHttp(client).pushManifest(repository, "stable", manifest, OCI_MANIFEST);

        assertThat(taggedDigest(repository, "stable")).isEqualTo(digest(manifest));
    }

    @Test
    void deletingATagWhereOverwriteIsNotAllowedIsA405UnsupportedAndTheTagStays() {
        String name = name();
        String repository = "/v2/images/" + name;
        byte[] manifest = pushImage(repository, "1.0");

        client.delete()
                .uri(repository + "/manifests/1.0")
                .header(HttpHeaders.AUTHORIZATION, basic(DELETER))
                .exchange()
                .expectStatus()
                .isEqualTo(405)
                .expectBody()
                .jsonPath("$.errors[0].code")
                .isEqualTo("UNSUPPORTED")
                .jsonPath("$.errors[0].message")
                .isEqualTo("tag 1.0 of images/" + name + " points at " + digest(manifest)
                        + ", and tags cannot be deleted on their own in registry 'images' (spec.allowOverwrite is"
                        + " false): delete its manifest by digest to remove it with all its tags, or set"
                        + " spec.allowOverwrite: true on the Registry");

        assertThat(taggedDigest(repository, "1.0")).isEqualTo(digest(manifest));
    }

    @Test
    void deletingATagThatDoesNotExistWhereOverwriteIsNotAllowedIsManifestUnknown() {
        String repository = "/v2/images/" + name();
        pushImage(repository, "1.0");

        client.delete()
                .uri(repository + "/manifests/2.0")
                .header(HttpHeaders.AUTHORIZATION, basic(DELETER))
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.errors[0].code")
                .isEqualTo("MANIFEST_UNKNOWN");
    }

    @Test
    void inARegistryThatAllowsOverwriteATagMovesToAnotherManifestAndCanBeDeleted() {
        String repository = "/v2/mutable-images/" + name();
        pushImage(repository, "latest");
        byte[] second = pushImage(repository, "latest");

        assertThat(taggedDigest(repository, "latest")).isEqualTo(digest(second));
        client.delete()
                .uri(repository + "/manifests/latest")
                .header(HttpHeaders.AUTHORIZATION, basic(DELETER))
                .exchange()
                .expectStatus()
                .isAccepted();
        client.head()
                .uri(repository + "/manifests/latest")
                .header(HttpHeaders.AUTHORIZATION, basic(READER))
                .exchange()
                .expectStatus()
                .isNotFound();
    }

    @Test
    void recordingAManifestUnderATagThatMayNotMoveRefusesUnderTheLockAndRecordsNothing() {
        String name = name();
        byte[] first = pushImage("/v2/images/" + name, "1.0");
        long registryId = registries.require("images").id();
        Digest other = Digest.parse(digest(blob(40)));
        NewManifest moving = new NewManifest(
                registryId, name, other, 40, OCI_MANIFEST, null, null, List.of(), List.of(), "1.0", WRITER, null);

        assertThatThrownBy(() -> manifests.record(moving, false).block())
                .isInstanceOf(OciManifests.TagImmutableException.class)
                .hasMessage("tag 1.0 of " + name + " already points at " + digest(first) + " and may not move");

        long packageId =
                packages.find(registryId, name).blockOptional().orElseThrow().id();
        assertThat(versions.find(packageId, other.toString()).blockOptional()).isEmpty();
    }
}
