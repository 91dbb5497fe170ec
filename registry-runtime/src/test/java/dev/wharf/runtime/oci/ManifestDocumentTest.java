package dev.wharf.runtime.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reading pushed manifests of every kind, and refusing what is not one with a message saying why. */
class ManifestDocumentTest {

    private static final byte[] CONFIG = "{}".getBytes(StandardCharsets.UTF_8);
    private static final byte[] LAYER = "layer".getBytes(StandardCharsets.UTF_8);

    @Test
    void anOciImageManifestReferencesItsConfigAndLayersAndTakesTheConfigTypeAsArtifactType() {
        ManifestDocument document =
                parse(OciContent.image(OciContent.OCI_MANIFEST, CONFIG, List.of(LAYER)), OciContent.OCI_MANIFEST);

        assertThat(document.isIndex()).isFalse();
        assertThat(document.blobs())
                .extracting(descriptor -> descriptor.digest().toString())
                .containsExactly(OciContent.digest(CONFIG), OciContent.digest(LAYER));
        assertThat(document.artifactType()).isEqualTo(OciContent.OCI_CONFIG);
    }

    @Test
    void aDockerManifestListListsItsManifests() {
        byte[] child = OciContent.image(OciContent.DOCKER_MANIFEST, CONFIG, List.of(LAYER));
        ManifestDocument document = parse(
                OciContent.index(OciContent.DOCKER_LIST, Map.of(child, OciContent.DOCKER_MANIFEST)),
                OciContent.DOCKER_LIST);

        assertThat(document.isIndex()).isTrue();
        assertThat(document.blobs()).isEmpty();
        assertThat(document.manifests())
                .singleElement()
                .satisfies(
                        descriptor -> assertThat(descriptor.digest().toString()).isEqualTo(OciContent.digest(child)));
    }

    @Test
    void anArtifactManifestHasItsArtifactTypeSubjectAndAnnotations() {
        byte[] subject = OciContent.image(OciContent.OCI_MANIFEST, CONFIG, List.of());
        ManifestDocument document = parse(
                OciContent.referrer("application/vnd.example.sig", CONFIG, subject, OciContent.OCI_MANIFEST),
                OciContent.OCI_MANIFEST);

        assertThat(document.artifactType()).isEqualTo("application/vnd.example.sig");
        assertThat(document.subject()).isNotNull();
        assertThat(document.subject().digest().toString()).isEqualTo(OciContent.digest(subject));
        assertThat(document.annotations()).containsEntry("org.example.kind", "application/vnd.example.sig");
    }

    @Test
    void aLayerWithUrlsIsExternal() {
        String manifest = "{\"schemaVersion\":2,\"mediaType\":\"" + OciContent.DOCKER_MANIFEST + "\",\"config\":"
                + OciContent.descriptor("application/vnd.docker.container.image.v1+json", CONFIG) + ",\"layers\":["
                + OciContent.descriptor("application/vnd.docker.image.rootfs.foreign.diff.tar.gzip", LAYER)
                        .replace("}", ",\"urls\":[\"https://example.com/layer\"]}")
                + "]}";

        ManifestDocument document = parse(manifest.getBytes(StandardCharsets.UTF_8), OciContent.DOCKER_MANIFEST);

        assertThat(document.blobs().get(1).external()).isTrue();
        assertThat(document.blobs().get(0).external()).isFalse();
    }

    @Test
    void aMediaTypeFieldOtherThanTheContentTypeIsRefusedNamingBoth() {
        byte[] manifest = OciContent.image(OciContent.OCI_MANIFEST, CONFIG, List.of());

        assertThatThrownBy(() -> parse(manifest, OciContent.DOCKER_MANIFEST))
                .isInstanceOf(OciException.class)
                .hasMessage("the manifest's mediaType is " + OciContent.OCI_MANIFEST + ", but it was pushed with"
                        + " Content-Type " + OciContent.DOCKER_MANIFEST + "; they must be the same");
    }

    @Test
    void schemaOneIsRefusedSayingWhatToPushInstead() {
        byte[] manifest = "{\"schemaVersion\":1,\"name\":\"x\"}".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> parse(manifest, "application/vnd.docker.distribution.manifest.v1+prettyjws"))
                .isInstanceOf(OciException.class)
                .hasMessage("Docker image manifest schema 1 is not supported; push schema 2 or an OCI manifest");
    }

    @Test
    void aDescriptorWithoutDigestIsManifestInvalidNamingWhere() {
        String manifest = "{\"schemaVersion\":2,\"config\":{\"mediaType\":\"a\",\"size\":1},\"layers\":[]}";

        assertThatThrownBy(() -> parse(manifest.getBytes(StandardCharsets.UTF_8), OciContent.OCI_MANIFEST))
                .isInstanceOfSatisfying(
                        OciException.class, e -> assertThat(e.error()).isEqualTo(OciError.MANIFEST_INVALID))
                .hasMessage("the manifest's config needs a mediaType, a digest and a size");
    }

    @Test
    void aManifestWithoutAnyMediaTypeIsRefused() {
        String manifest = "{\"schemaVersion\":2,\"manifests\":[]}";

        assertThatThrownBy(() -> parse(manifest.getBytes(StandardCharsets.UTF_8), null))
                .hasMessageStartingWith("the manifest has no media type");
    }

    private static ManifestDocument parse(byte[] bytes, @org.jspecify.annotations.Nullable String contentType) {
        return ManifestDocument.parse(bytes, contentType);
    }
}
