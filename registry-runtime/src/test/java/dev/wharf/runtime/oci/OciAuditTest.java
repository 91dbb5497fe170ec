package dev.wharf.runtime.oci;

import static dev.wharf.runtime.oci.OciContent.OCI_MANIFEST;
import static dev.wharf.runtime.oci.OciContent.blob;
import static dev.wharf.runtime.oci.OciContent.digest;
import static dev.wharf.runtime.testing.TestRuntime.DELETER;
import static dev.wharf.runtime.testing.TestRuntime.WRITER;
import static dev.wharf.runtime.testing.TestRuntime.basic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.wharf.runtime.metadata.AuditEvent;
import dev.wharf.runtime.metadata.AuditTrail;
import java.nio.file.Path;
import java.time.Instant;
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
 * Deletes are in the audit trail like pushes: who deleted a tag (and the manifest it pointed at), a manifest or a
 * blob, in which registry and repository, and when.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class OciAuditTest {

    @TempDir
    static Path root;

    @DynamicPropertySource
    static void configure(DynamicPropertyRegistry registry) {
        OciTestRuntime.configure(registry, root);
    }

    @Autowired
    private WebTestClient client;

    @Autowired
    private AuditTrail audit;

    private void delete(String url) {
        client.delete()
                .uri(url)
                .header(HttpHeaders.AUTHORIZATION, basic(DELETER))
                .exchange()
                .expectStatus()
                .isAccepted();
    }

    /** The repository's events, oldest first. */
    private List<AuditEvent> events(String registry, String name) {
        List<AuditEvent> events = audit.recent(registry, AuditTrail.MAX_LIMIT)
                .filter(event -> name.equals(event.packageName()))
                .collectList()
                .block();
        return events == null ? List.of() : events.reversed();
    }

    @Test
    void deletingATagAManifestAndABlobShouldEachBeRecordedWithWhoDidItAfterThePush() {
        String name = "team/app-" + UUID.randomUUID().toString().substring(0, 8);
        String repository = "/v2/" + OciTestRuntime.MUTABLE + "/" + name;
        byte[] config = blob(30);
        byte[] manifest = OciContent.image(OCI_MANIFEST, config, List.of());
        Instant before = Instant.now();
        new OciHttp(client).pushImage(repository, "latest", manifest, OCI_MANIFEST, List.of(config));

        delete(repository + "/manifests/latest");
        delete(repository + "/manifests/" + digest(manifest));
        delete(repository + "/blobs/" + digest(config));

        List<AuditEvent> events = events(OciTestRuntime.MUTABLE, name);
        assertThat(events)
                .extracting(AuditEvent::action, AuditEvent::actor, AuditEvent::version, AuditEvent::detail)
                .containsExactly(
                        tuple("version.push", "user:" + WRITER, digest(manifest), OCI_MANIFEST + " tag latest"),
                        tuple("tag.delete", "user:" + DELETER, digest(manifest), "tag latest"),
                        tuple("version.delete", "user:" + DELETER, digest(manifest), null),
                        tuple("blob.delete", "user:" + DELETER, null, digest(config)));
        assertThat(events)
                .allSatisfy(event -> assertThat(event.registry()).isEqualTo(OciTestRuntime.MUTABLE))
                .allSatisfy(event -> assertThat(event.occurredAt()).isAfterOrEqualTo(before.minusSeconds(1)));
    }

    @Test
    void aRefusedTagDeleteShouldNotBeRecorded() {
        String name = "team/app-" + UUID.randomUUID().toString().substring(0, 8);
        String repository = "/v2/images/" + name;
        byte[] config = blob(30);
        byte[] manifest = OciContent.image(OCI_MANIFEST, config, List.of());
        new OciHttp(client).pushImage(repository, "1.0", manifest, OCI_MANIFEST, List.of(config));

        client.delete()
                .uri(repository + "/manifests/1.0")
                .header(HttpHeaders.AUTHORIZATION, basic(DELETER))
                .exchange()
                .expectStatus()
                .isEqualTo(405);

        assertThat(events("images", name)).extracting(AuditEvent::action).containsExactly("version.push");
    }
}
