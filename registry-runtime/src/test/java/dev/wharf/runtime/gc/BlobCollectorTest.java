package dev.wharf.runtime.gc;

import static dev.wharf.runtime.testing.TestRuntime.ADMIN;
import static dev.wharf.runtime.testing.TestRuntime.DELETER;
import static dev.wharf.runtime.testing.TestRuntime.READER;
import static dev.wharf.runtime.testing.TestRuntime.WRITER;
import static dev.wharf.runtime.testing.TestRuntime.basic;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.runtime.metadata.AllFormatRows;
import dev.wharf.runtime.metadata.MetadataDatabase;
import dev.wharf.runtime.storage.BlobStore;
import dev.wharf.runtime.storage.Digest;
import dev.wharf.runtime.testing.TestRuntime;
import dev.wharf.runtime.web.ServedRegistries;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
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
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The blob collector against the running runtime (filesystem store, H2), with no grace so that what nothing references
 * is collectable at once: it deletes exactly the unreferenced blobs, keeps what a row references or what was claimed
 * within the grace, is for admins only, and never takes bytes from under uploads that run while it collects.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class BlobCollectorTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    static Path root;

    @DynamicPropertySource
    static void configure(DynamicPropertyRegistry registry) {
        TestRuntime.configure(registry, root);
        registry.add("wharf.gc.grace", () -> "0s");
        registry.add("wharf.gc.enabled", () -> "false");
    }

    @Autowired
    private WebTestClient client;

    @Autowired
    private BlobCollector collector;

    @Autowired
    private ServedRegistries registries;

    @Autowired
    private MetadataDatabase database;

    @Autowired
    private AllFormatRows formats;

    @Test
    void collectWhenAVersionWasDeletedShouldDeleteOnlyItsBlobAndKeepWhatIsReferenced() {
        String kept = "kept " + UUID.randomUUID();
        String dropped = "dropped " + UUID.randomUUID();
        String pkg = "gc-" + UUID.randomUUID();
        upload(pkg, "1.0", "kept.txt", kept);
        upload(pkg, "2.0", "dropped.txt", dropped);
        delete(pkg, "2.0");

        WebTestClient.BodyContentSpec report = client.post()
                .uri("/api/v1/gc")
                .header(HttpHeaders.AUTHORIZATION, basic(ADMIN))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody();
        report.jsonPath("$.blobsDeleted")
                .value(deleted -> assertThat(((Number) deleted).longValue()).isPositive());

        assertThat(exists(dropped)).isFalse();
        assertThat(exists(kept)).isTrue();
        assertThat(download(pkg, "1.0", "kept.txt")).isEqualTo(kept);
    }

    @Test
    void collectByAUserWhoIsNotAdminEverywhereShouldBeForbidden() {
        client.post()
                .uri("/api/v1/gc")
                .header(HttpHeaders.AUTHORIZATION, basic(READER))
                .exchange()
                .expectStatus()
                .isForbidden()
                .expectHeader()
                .contentType("application/problem+json");
    }

    @Test
    void collectWithinTheGraceShouldKeepAnUnreferencedBlobClaimedLately() {
        String content = "recent " + UUID.randomUUID();
        String pkg = "grace-" + UUID.randomUUID();
        upload(pkg, "1.0", "f.txt", content);
        delete(pkg, "1.0");
        BlobCollector patient = new BlobCollector(
                database,
                formats,
                () -> List.of(store()),
                new GcProperties(false, Duration.ofHours(1), Duration.ofHours(1), 500),
                Clock.systemUTC(),
                null);

        CollectionReport report = patient.collect().block(TIMEOUT);

        assertThat(report).isNotNull();
        assertThat(exists(content)).isTrue();
    }

    @Test
    void collectWhileUploadsRunShouldNeverLeaveAStoredFileWithoutItsBytes() {
        String pkg = "busy-" + UUID.randomUUID();
        List<String> contents = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            // Every fourth content repeats an earlier one, whose blob a collection may be deleting.
            contents.add(i % 4 == 3 ? contents.get(i - 3) : "content " + i + " " + UUID.randomUUID());
        }
        ConcurrentLinkedQueue<String> stored = new ConcurrentLinkedQueue<>();
        Flux<Void> uploads = Flux.range(0, contents.size())
                .concatMap(i -> Mono.fromRunnable(() -> {
                            String version = "v" + i;
                            String content = contents.get(i);
                            for (int attempt = 0; attempt < 5; attempt++) {
                                if (tryUpload(pkg, version, content)) {
                                    stored.add(version);
                                    break;
                                }
                            }
                            if (i % 2 == 1) {
                                delete(pkg, version);
                                stored.remove(version);
                            }
                        })
                        .subscribeOn(reactor.core.scheduler.Schedulers.boundedElastic())
                        .then());
        Flux<CollectionReport> collections =
                Flux.range(0, 15).concatMap(i -> collector.collect().delayElement(Duration.ofMillis(20)));

        Flux.merge(uploads.then(), collections.then()).blockLast(TIMEOUT.multipliedBy(4));

        assertThat(stored).isNotEmpty();
        for (String version : stored) {
            int index = Integer.parseInt(version.substring(1));
            assertThat(download(pkg, version, "f.txt")).isEqualTo(contents.get(index));
        }
    }

    private void upload(String pkg, String version, String file, String content) {
        client.put()
                .uri("/generic/files/" + pkg + "/" + version + "/" + file)
                .header(HttpHeaders.AUTHORIZATION, basic(WRITER))
                .bodyValue(content.getBytes(StandardCharsets.UTF_8))
                .exchange()
                .expectStatus()
                .isCreated();
    }

    /** Whether an upload was stored; a collection deleting the same bytes meanwhile makes it fail, to be retried. */
    private boolean tryUpload(String pkg, String version, String content) {
        return client.put()
                .uri("/generic/files/" + pkg + "/" + version + "/f.txt")
                .header(HttpHeaders.AUTHORIZATION, basic(WRITER))
                .bodyValue(content.getBytes(StandardCharsets.UTF_8))
                .exchange()
                .returnResult(String.class)
                .getStatus()
                .is2xxSuccessful();
    }

    private void delete(String pkg, String version) {
        client.delete()
                .uri("/generic/files/" + pkg + "/" + version)
                .header(HttpHeaders.AUTHORIZATION, basic(DELETER))
                .exchange()
                .expectStatus()
                .isNoContent();
    }

    private String download(String pkg, String version, String file) {
        byte[] body = client.get()
                .uri("/generic/files/" + pkg + "/" + version + "/" + file)
                .header(HttpHeaders.AUTHORIZATION, basic(READER))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .returnResult()
                .getResponseBody();
        return new String(body == null ? new byte[0] : body, StandardCharsets.UTF_8);
    }

    private BlobStore store() {
        return registries.require("files").store();
    }

    private boolean exists(String content) {
        return Boolean.TRUE.equals(store().exists(digest(content)).block(TIMEOUT));
    }

    private static Digest digest(String content) {
        try {
            return Digest.sha256(MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
