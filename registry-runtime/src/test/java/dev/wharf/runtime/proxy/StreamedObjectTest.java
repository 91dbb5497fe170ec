package dev.wharf.runtime.proxy;

import static dev.wharf.runtime.proxy.EngineFixture.TIMEOUT;
import static dev.wharf.runtime.proxy.ImmutableObjectTest.randomBytes;
import static dev.wharf.runtime.proxy.ImmutableObjectTest.sha256;
import static dev.wharf.runtime.proxy.Upstreams.upstream;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.wharf.runtime.storage.Digest;
import dev.wharf.runtime.web.ServedRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

/**
 * The caller whose miss fetches an immutable object gets its bytes while they are stored; the stored copy becomes
 * visible only once verified, and a copy that fails the check breaks the caller's body off.
 */
class StreamedObjectTest {

    private static final byte[] LAYER = randomBytes(1 << 20);
    private static final Digest DIGEST = sha256(LAYER);
    private static final String PATH = "/v2/team/app/blobs/" + DIGEST;
    private static final UpstreamRequest REQUEST = UpstreamRequest.immutable("team/app", PATH, List.of(), DIGEST, null);

    @TempDir
    Path dir;

    private EngineFixture fixture;
    private FakeUpstream hub;
    private final CountDownLatch rest = new CountDownLatch(1);

    @BeforeEach
    void start() throws IOException {
        fixture = newFixture(dir);
        hub = FakeUpstream.start();
    }

    /** The engine over the store the streamed copy goes to. */
    EngineFixture newFixture(Path dir) {
        return new EngineFixture(dir);
    }

    @AfterEach
    void stop() {
        rest.countDown();
        hub.close();
        fixture.close();
    }

    /** Serves {@code body} under PATH: its first half at once, the rest once {@link #rest} counts down. */
    private void serveInTwoHalves(byte[] body) {
        hub.serve(PATH, exchange -> {
            exchange.sendResponseHeaders(200, body.length);
            OutputStream out = exchange.getResponseBody();
            out.write(body, 0, body.length / 2);
            out.flush();
            try {
                rest.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            out.write(body, body.length / 2, body.length - body.length / 2);
            out.close();
        });
    }

    /** Collects the body's bytes as they come, releasing each buffer. */
    private static final class Collected {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final CompletableFuture<byte[]> done = new CompletableFuture<>();

        synchronized void add(DataBuffer buffer) {
            byte[] chunk = new byte[buffer.readableByteCount()];
            buffer.read(chunk);
            DataBufferUtils.release(buffer);
            bytes.write(chunk, 0, chunk.length);
        }

        synchronized int size() {
            return bytes.size();
        }

        Disposable read(Flux<DataBuffer> body) {
            return body.subscribe(this::add, done::completeExceptionally, () -> {
                synchronized (this) {
                    done.complete(bytes.toByteArray());
                }
            });
        }
    }

    @Test
    void streamOfAMissShouldGiveTheFirstBytesBeforeTheUpstreamSentTheLastAndStoreItOnceVerified() throws Exception {
        serveInTwoHalves(LAYER);
        ServedRegistry registry = fixture.registry(upstream("hub", hub).responseTimeout("30s"));

        UpstreamResult miss = fixture.engine.stream(registry, REQUEST).block(TIMEOUT);
        assertThat(miss.cache()).isEqualTo(CacheOutcome.MISS);
        assertThat(miss.size()).isEqualTo(LAYER.length);
        Collected collected = new Collected();
        collected.read(miss.body());

        await().atMost(TIMEOUT).until(() -> collected.size() > 0);
        assertThat(fixture.store.exists(DIGEST).block(TIMEOUT)).isFalse();
        rest.countDown();

        assertThat(collected.done.get(30, TimeUnit.SECONDS)).isEqualTo(LAYER);
        assertThat(fixture.store.exists(DIGEST).block(TIMEOUT)).isTrue();
        await().atMost(TIMEOUT)
                .untilAsserted(() ->
                        assertThat(fixture.fetch(registry, REQUEST).cache()).isEqualTo(CacheOutcome.HIT));
        assertThat(hub.requests(PATH)).hasSize(1);
    }

    @Test
    void streamOfContentThatFailsTheDigestShouldBreakTheBodyOffAndStoreNothing() {
        byte[] other = randomBytes(300_000);
        hub.serve(PATH, other);
        ServedRegistry registry = fixture.registry(upstream("hub", hub));

        UpstreamResult miss = fixture.engine.stream(registry, REQUEST).block(TIMEOUT);

        assertThatThrownBy(() -> EngineFixture.bytes(miss))
                .isInstanceOf(UpstreamFailureException.class)
                .hasMessageContaining("upstream 'hub' sent content for " + PATH + " that cannot be kept: ")
                .hasMessageContaining(sha256(other).toString());
        assertThat(fixture.store.exists(DIGEST).block(TIMEOUT)).isFalse();
        assertThat(fixture.store.exists(sha256(other)).block(TIMEOUT)).isFalse();
    }

    @Test
    void streamWhoseCallerLeavesMidBodyShouldStillStoreTheObjectForTheNextRequest() {
        serveInTwoHalves(LAYER);
        ServedRegistry registry = fixture.registry(upstream("hub", hub).responseTimeout("30s"));
        UpstreamResult miss = fixture.engine.stream(registry, REQUEST).block(TIMEOUT);
        Collected collected = new Collected();
        Disposable reading = collected.read(miss.body());
        await().atMost(TIMEOUT).until(() -> collected.size() > 0);

        reading.dispose();
        rest.countDown();

        await().atMost(TIMEOUT).until(() -> fixture.store.exists(DIGEST).block(TIMEOUT));
        UpstreamResult next = fixture.engine.stream(registry, REQUEST).block(TIMEOUT);
        assertThat(EngineFixture.bytes(next)).isEqualTo(LAYER);
        assertThat(hub.requests(PATH)).hasSize(1);
    }

    @Test
    void streamOfFiftyConcurrentMissesShouldMakeOneUpstreamRequestAndGiveEachTheWholeObject() throws Exception {
        serveInTwoHalves(LAYER);
        ServedRegistry registry = fixture.registry(upstream("hub", hub).responseTimeout("30s"));

        CompletableFuture<List<byte[]>> all = Flux.range(0, 50)
                .flatMap(i -> fixture.engine.stream(registry, REQUEST).flatMap(EngineFixture::bytesOf), 50)
                .collectList()
                .toFuture();
        await().atMost(Duration.ofSeconds(30)).until(() -> hub.requests(PATH).size() == 1);
        rest.countDown();

        List<byte[]> bodies = all.get(60, TimeUnit.SECONDS);
        assertThat(bodies).hasSize(50).allSatisfy(body -> assertThat(body).isEqualTo(LAYER));
        assertThat(hub.requests(PATH)).hasSize(1);
    }

    @Test
    void streamWhenTheUpstreamGivesNoLengthShouldStoreFirstAndServeFromTheStore() {
        hub.serve(PATH, exchange -> {
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(LAYER);
            }
        });
        ServedRegistry registry = fixture.registry(upstream("hub", hub));

        UpstreamResult miss = fixture.engine.stream(registry, REQUEST).block(TIMEOUT);

        assertThat(fixture.store.exists(DIGEST).block(TIMEOUT)).isTrue();
        assertThat(EngineFixture.bytes(miss)).isEqualTo(LAYER);
    }
}
