package dev.wharf.runtime.oci;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.runtime.testing.TestRuntime;
import java.util.List;
import java.util.Objects;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The steps of a push over HTTP, as a writer, for tests that need content in place before what they prove. */
final class OciHttp {

    private final WebTestClient client;

    OciHttp(WebTestClient client) {
        this.client = client;
    }

    /** Uploads the blob in one POST with its digest. */
    void pushBlob(String repository, byte[] blob) {
        client.post()
                .uri(repository + "/blobs/uploads/?digest=" + OciContent.digest(blob))
                .header(HttpHeaders.AUTHORIZATION, TestRuntime.basic(TestRuntime.WRITER))
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .bodyValue(blob)
                .exchange()
                .expectStatus()
                .isCreated();
    }

    /** Uploads the blobs, then the manifest under {@code reference}. */
    void pushImage(String repository, String reference, byte[] manifest, String mediaType, List<byte[]> blobs) {
        blobs.forEach(blob -> pushBlob(repository, blob));
        pushManifest(repository, reference, manifest, mediaType);
    }

    void pushManifest(String repository, String reference, byte[] manifest, String mediaType) {
        client.put()
                .uri(repository + "/manifests/" + reference)
                .header(HttpHeaders.AUTHORIZATION, TestRuntime.basic(TestRuntime.WRITER))
                .header(HttpHeaders.CONTENT_TYPE, mediaType)
                .bodyValue(manifest)
                .exchange()
                .expectStatus()
                .isCreated()
                .expectHeader()
                .valueEquals("Docker-Content-Digest", OciContent.digest(manifest));
    }

    /** Starts an upload session; its Location. */
    String startUpload(String repository) {
        String location = client.post()
                .uri(repository + "/blobs/uploads/")
                .header(HttpHeaders.AUTHORIZATION, TestRuntime.basic(TestRuntime.WRITER))
                .exchange()
                .expectStatus()
                .isAccepted()
                .returnResult(Void.class)
                .getResponseHeaders()
                .getFirst(HttpHeaders.LOCATION);
        assertThat(location).startsWith(repository + "/blobs/uploads/");
        return Objects.requireNonNull(location);
    }
}
