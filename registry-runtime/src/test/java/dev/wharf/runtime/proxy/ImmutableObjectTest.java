package dev.wharf.runtime.proxy;

import static dev.wharf.runtime.proxy.EngineFixture.TIMEOUT;
import static dev.wharf.runtime.proxy.EngineFixture.bytes;
import static dev.wharf.runtime.proxy.Upstreams.upstream;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.wharf.runtime.metadata.FileRecord;
import dev.wharf.runtime.metadata.VersionRecord;
import dev.wharf.runtime.storage.Digest;
import dev.wharf.runtime.web.ServedRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;

/** Immutable objects are fetched once, streamed into the BlobStore, recorded in the metadata and then kept. */
class ImmutableObjectTest {

    private static final byte[] LAYER = randomBytes(1 << 20);
    private static final Digest DIGEST = sha256(LAYER);
    private static final String PATH = "/v2/team/app/blobs/" + DIGEST;

    @TempDir
    Path dir;

    private EngineFixture fixture;
    private FakeUpstream hub;

    @BeforeEach
    void start() throws IOException {
        fixture = new EngineFixture(dir);
        hub = FakeUpstream.start();
    }

    @AfterEach
    void stop() {
        hub.close();
        fixture.close();
    }

    private static UpstreamRequest request(UpstreamRequest.CachedFile file) {
        return UpstreamRequest.immutable("team/app", PATH, List.of(), DIGEST, file);
    }

    @Test
    void fetchShouldStoreTheObjectOnceAndServeLaterFetchesFromTheStore() {
        hub.serve(PATH, LAYER);
        ServedRegistry registry = fixture.registry(upstream("hub", hub));

        UpstreamResult miss = fixture.fetch(registry, request(null));
        assertThat(miss.cache()).isEqualTo(CacheOutcome.MISS);
        assertThat(miss.digest()).isEqualTo(DIGEST);
        assertThat(miss.size()).isEqualTo(LAYER.length);
        assertThat(bytes(miss)).isEqualTo(LAYER);
        assertThat(fixture.store.exists(DIGEST).block(TIMEOUT)).isTrue();

        UpstreamResult hit = fixture.fetch(registry, request(null));
        assertThat(hit.cache()).isEqualTo(CacheOutcome.HIT);
        assertThat(hit.upstream()).isEqualTo("hub");
        assertThat(bytes(hit)).isEqualTo(LAYER);
        assertThat(hub.requests(PATH)).hasSize(1);
        assertThat(fixture.fetches("hub", "hit")).isEqualTo(1);
    }

    @Test
    void fetchWhenTheUpstreamSendsOtherContentThanTheDigestShouldRefuseItAndStoreNothing() {
        byte[] other = randomBytes(1000);
        hub.serve(PATH, other);
        ServedRegistry registry = fixture.registry(upstream("hub", hub));

        assertThatThrownBy(() -> fixture.fetch(registry, request(null)))
                .isInstanceOf(UpstreamFailureException.class)
                .hasMessageContaining("upstream 'hub' sent content for " + PATH + " that cannot be kept: ")
                .hasMessageContaining(DIGEST.toString())
                .hasMessageContaining(sha256(other).toString());
        assertThat(fixture.store.exists(DIGEST).block(TIMEOUT)).isFalse();
        assertThat(fixture.store.exists(sha256(other)).block(TIMEOUT)).isFalse();
    }

    @Test
    void fetchWhenTheUpstreamBreaksOffMidBodyShouldStoreNothingAndCountAFailure() {
        hub.serve(PATH, exchange -> {
            exchange.sendResponseHeaders(200, LAYER.length);
            exchange.getResponseBody().write(LAYER, 0, 1000);
            exchange.getHttpContext().getServer().stop(0);
        });
        ServedRegistry registry = fixture.registry(upstream("hub", hub));

        assertThatThrownBy(() -> fixture.fetch(registry, request(null))).isInstanceOf(UpstreamFailureException.class);
        assertThat(fixture.store.exists(DIGEST).block(TIMEOUT)).isFalse();
        assertThat(fixture.engine.health("hub").consecutiveFailures()).isEqualTo(1);
    }

    @Test
    void fetchWithAFileShouldRecordItAsContentThatCameThroughTheUpstreamAndCountItsPulls() {
        hub.serve(PATH, 200, LAYER, Map.of("Content-Type", "application/vnd.oci.image.layer.v1.tar+gzip"));
        ServedRegistry registry = fixture.registry(upstream("hub", hub));
        UpstreamRequest.CachedFile file = new UpstreamRequest.CachedFile("team/app", "1.0", "layer.tar.gz");

        fixture.fetch(registry, request(file));
        fixture.clock.advance(Duration.ofHours(1));
        Instant pulledAt = fixture.clock.instant();
        fixture.fetch(registry, request(file));
        fixture.downloads.flush().block(TIMEOUT);

        VersionRecord version = fixture.version(registry, "team/app", "1.0");
        assertThat(version.upstream()).isEqualTo("hub");
        assertThat(version.pushedBy()).isNull();
        assertThat(version.sizeBytes()).isEqualTo(LAYER.length);
        FileRecord recorded = fixture.file(registry, "team/app", "1.0", "layer.tar.gz");
        assertThat(recorded.digest()).isEqualTo(DIGEST);
        assertThat(recorded.contentType()).isEqualTo("application/vnd.oci.image.layer.v1.tar+gzip");
        assertThat(recorded.downloadCount()).isEqualTo(2);
        assertThat(recorded.lastDownloadedAt()).isEqualTo(pulledAt);
    }

    @Test
    void fetchOfFiftyConcurrentMissesShouldMakeOneUpstreamRequestAndGiveEachTheWholeObject() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        hub.serve(PATH, exchange -> {
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            FakeUpstream.send(exchange, 200, LAYER, Map.of());
        });
        ServedRegistry registry = fixture.registry(upstream("hub", hub).responseTimeout("30s"));

        CompletableFuture<List<byte[]>> all = Flux.range(0, 50)
                .flatMap(i -> fixture.engine.fetch(registry, request(null)).flatMap(EngineFixture::bytesOf), 50)
                .collectList()
                .toFuture();
        await().atMost(Duration.ofSeconds(30)).until(() -> hub.requests(PATH).size() == 1);
        release.countDown();

        List<byte[]> bodies = all.get(60, TimeUnit.SECONDS);
        assertThat(bodies).hasSize(50).allSatisfy(body -> assertThat(body).isEqualTo(LAYER));
        assertThat(hub.requests(PATH)).hasSize(1);
    }

    static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    static Digest sha256(byte[] bytes) {
        try {
            return Digest.sha256(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
