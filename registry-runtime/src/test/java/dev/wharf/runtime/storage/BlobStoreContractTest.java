package dev.wharf.runtime.storage;

import static dev.wharf.runtime.storage.TestContent.TIMEOUT;
import static dev.wharf.runtime.storage.TestContent.bytes;
import static dev.wharf.runtime.storage.TestContent.collect;
import static dev.wharf.runtime.storage.TestContent.digest;
import static dev.wharf.runtime.storage.TestContent.digestOf;
import static dev.wharf.runtime.storage.TestContent.digestOfGenerated;
import static dev.wharf.runtime.storage.TestContent.flux;
import static dev.wharf.runtime.storage.TestContent.generated;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscription;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.NettyDataBuffer;
import reactor.core.Disposable;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The behaviour every {@link BlobStore} must have; each implementation runs it through a subclass against a real
 * backend.
 */
abstract class BlobStoreContractTest {

    private static final long MAX = Long.MAX_VALUE;
    private static final int MIB = 1024 * 1024;

    protected final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    protected BlobStore store;

    /** A store on a fresh, empty backend location for each test. */
    protected abstract BlobStore newStore(Clock clock, SimpleMeterRegistry meters) throws Exception;

    /** The temporary upload data the backend holds now (files, temporary objects, unfinished multipart uploads). */
    protected abstract List<String> leftoverUploads() throws Exception;

    /** The {@code store} tag of the store's metrics. */
    protected abstract String kind();

    @BeforeEach
    void createStore() throws Exception {
        store = newStore(Clock.systemUTC(), meters);
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Test
    void putThenReadShouldReturnTheSameBytes() {
        byte[] content = bytes(1, 100_000);

        StoredBlob stored = store.put(flux(content), null, MAX).block(TIMEOUT);

        assertThat(stored).isEqualTo(new StoredBlob(digestOf(content), content.length, true));
        assertThat(collect(store.read(stored.digest(), null))).isEqualTo(content);
        assertThat(store.exists(stored.digest()).block(TIMEOUT)).isTrue();
        assertThat(store.size(stored.digest()).block(TIMEOUT)).isEqualTo(content.length);
    }

    @Test
    void putOfMultiPartSizedContentShouldRoundTrip() throws Exception {
        long size = 40L * MIB + 12_345;
        Digest expected = digestOfGenerated(40, size);

        StoredBlob stored = store.put(generated(40, size), expected, MAX).block(TIMEOUT);

        assertThat(stored).isEqualTo(new StoredBlob(expected, size, true));
        assertThat(store.size(expected).block(TIMEOUT)).isEqualTo(size);
        assertThat(digest(store.read(expected, null))).isEqualTo(expected);
        assertThat(leftoverUploads()).isEmpty();
    }

    @Test
    void putOfEmptyContentShouldStoreTheEmptyBlob() {
        StoredBlob stored = store.put(Flux.empty(), null, MAX).block(TIMEOUT);

        assertThat(stored.digest())
                .hasToString("sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(stored.size()).isZero();
        assertThat(collect(store.read(stored.digest(), null))).isEmpty();
    }

    @Test
    void putWhenExpectedDigestMatchesShouldStore() {
        byte[] content = bytes(2, 5000);

        StoredBlob stored = store.put(flux(content), digestOf(content), MAX).block(TIMEOUT);

        assertThat(stored.created()).isTrue();
        assertThat(store.exists(digestOf(content)).block(TIMEOUT)).isTrue();
    }

    @Test
    void putWhenDigestDiffersShouldRefuseAndStoreNothing() throws Exception {
        byte[] content = bytes(3, 5000);
        Digest announced = digestOf(bytes(4, 5000));

        assertThatThrownBy(() -> store.put(flux(content), announced, MAX).block(TIMEOUT))
                .isInstanceOf(DigestMismatchException.class)
                .hasMessage(
                        "the uploaded content has digest " + digestOf(content) + ", but the request said " + announced);

        assertThat(store.exists(digestOf(content)).block(TIMEOUT)).isFalse();
        assertThat(store.exists(announced).block(TIMEOUT)).isFalse();
        assertThat(store.list().collectList().block(TIMEOUT)).isEmpty();
        assertThat(leftoverUploads()).isEmpty();
    }

    @Test
    void putWhenContentExceedsTheLimitShouldRefuseAndStoreNothing() throws Exception {
        byte[] content = bytes(5, 300_000);

        assertThatThrownBy(() -> store.put(flux(content), null, 200_000).block(TIMEOUT))
                .isInstanceOf(BlobTooLargeException.class)
                .hasMessage("the upload is larger than the limit of 200000 bytes");

        assertThat(store.exists(digestOf(content)).block(TIMEOUT)).isFalse();
        assertThat(store.list().collectList().block(TIMEOUT)).isEmpty();
        assertThat(leftoverUploads()).isEmpty();
    }

    @Test
    void putWhenContentExceedsTheLimitShouldStopReadingItAtOnce() {
        AtomicLong emitted = new AtomicLong();
        AtomicBoolean cancelled = new AtomicBoolean();
        Flux<DataBuffer> content = generated(6, 1024L * MIB, emitted).doOnCancel(() -> cancelled.set(true));

        assertThatThrownBy(() -> store.put(content, null, MIB).block(TIMEOUT))
                .isInstanceOf(BlobTooLargeException.class);

        assertThat(cancelled).isTrue();
        // The limit plus what the backpressure window lets through, not the gigabyte on offer.
        assertThat(emitted.get()).isLessThan(3L * MIB);
    }

    @Test
    void putWhenContentIsExactlyTheLimitShouldStore() {
        byte[] content = bytes(7, 10_000);

        assertThat(store.put(flux(content), null, content.length).block(TIMEOUT).size())
                .isEqualTo(content.length);
    }

    @Test
    void putShouldReleaseEveryBufferItReceivesWhetherItStoresOrRefuses() {
        byte[] content = bytes(19, 500_000);
        List<NettyDataBuffer> emitted = new CopyOnWriteArrayList<>();

        store.put(TestContent.nettyFlux(content, emitted), null, MAX).block(TIMEOUT);
        assertThatThrownBy(() -> store.put(TestContent.nettyFlux(content, emitted), null, 200_000)
                        .block(TIMEOUT))
                .isInstanceOf(BlobTooLargeException.class);
        assertThatThrownBy(() -> store.put(TestContent.nettyFlux(content, emitted), digestOf(bytes(20, 1)), MAX)
                        .block(TIMEOUT))
                .isInstanceOf(DigestMismatchException.class);

        assertThat(emitted)
                .hasSizeGreaterThan(62)
                .allSatisfy(
                        buffer -> assertThat(buffer.getNativeBuffer().refCnt()).isZero());
    }

    @Test
    void putWhenBlobExistsShouldNotStoreItAgain() throws Exception {
        byte[] content = bytes(8, 20_000);
        store.put(flux(content), null, MAX).block(TIMEOUT);

        StoredBlob again = store.put(flux(content), digestOf(content), MAX).block(TIMEOUT);

        assertThat(again).isEqualTo(new StoredBlob(digestOf(content), content.length, false));
        assertThat(store.list().collectList().block(TIMEOUT)).containsExactly(digestOf(content));
        assertThat(leftoverUploads()).isEmpty();
    }

    @Test
    void putWhenContentFailsShouldReportItsErrorAndStoreNothing() throws Exception {
        Flux<DataBuffer> content =
                Flux.concat(generated(9, 3L * MIB), Flux.error(new IllegalStateException("the client went away")));

        assertThatThrownBy(() -> store.put(content, null, MAX).block(TIMEOUT))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the client went away");

        assertThat(store.list().collectList().block(TIMEOUT)).isEmpty();
        assertThat(leftoverUploads()).isEmpty();
    }

    @Test
    void putWhenCancelledMidStreamShouldLeaveNothing() throws Exception {
        // More than one S3 part arrives, then the uploader stalls and the request is cancelled.
        long sent = 20L * MIB;
        AtomicLong emitted = new AtomicLong();
        AtomicBoolean contentCancelled = new AtomicBoolean();
        Flux<DataBuffer> content = Flux.concat(generated(10, sent, emitted), Flux.<DataBuffer>never())
                .doOnCancel(() -> contentCancelled.set(true));

        Disposable upload = store.put(content, null, MAX).subscribe();
        await().atMost(TIMEOUT).until(() -> emitted.get() == sent);
        upload.dispose();

        await().atMost(TIMEOUT).untilTrue(contentCancelled);
        await().atMost(TIMEOUT).until(() -> leftoverUploads().isEmpty());
        assertThat(store.exists(digestOfGenerated(10, sent)).block(TIMEOUT)).isFalse();
        assertThat(store.list().collectList().block(TIMEOUT)).isEmpty();
    }

    @Test
    void concurrentPutsOfTheSameContentShouldBothSucceedAndCreateOnce() throws Exception {
        byte[] content = bytes(11, 3 * MIB);

        List<StoredBlob> stored = Flux.range(0, 4)
                .flatMap(i -> store.put(flux(content), null, MAX).subscribeOn(Schedulers.parallel()))
                .collectList()
                .block(TIMEOUT);

        assertThat(stored)
                .hasSize(4)
                .allSatisfy(blob -> assertThat(blob.digest()).isEqualTo(digestOf(content)));
        assertThat(stored).filteredOn(StoredBlob::created).hasSize(1);
        assertThat(collect(store.read(digestOf(content), null))).isEqualTo(content);
        assertThat(leftoverUploads()).isEmpty();
    }

    @Test
    void readOfRangesShouldReturnThoseBytes() {
        byte[] content = bytes(12, 200_000);
        Digest digest = store.put(flux(content), null, MAX).block(TIMEOUT).digest();

        assertThat(readRange(digest, "bytes=0-9", content.length)).isEqualTo(Arrays.copyOfRange(content, 0, 10));
        assertThat(readRange(digest, "bytes=100000-170000", content.length))
                .isEqualTo(Arrays.copyOfRange(content, 100_000, 170_001));
        assertThat(readRange(digest, "bytes=-500", content.length))
                .isEqualTo(Arrays.copyOfRange(content, content.length - 500, content.length));
        assertThat(readRange(digest, "bytes=199990-", content.length))
                .isEqualTo(Arrays.copyOfRange(content, 199_990, content.length));
        assertThat(readRange(digest, "bytes=199990-999999", content.length))
                .isEqualTo(Arrays.copyOfRange(content, 199_990, content.length));
    }

    @Test
    void readWhenRangeStartsAtTheEndShouldFailAsUnsatisfiable() {
        byte[] content = bytes(13, 1000);
        Digest digest = store.put(flux(content), null, MAX).block(TIMEOUT).digest();

        assertThatThrownBy(() -> collect(store.read(digest, ByteRange.of(1000, 10))))
                .isInstanceOf(RangeNotSatisfiableException.class)
                .hasMessage("the range starting at byte 1000 does not overlap the 1000 bytes of the blob")
                .extracting(e -> ((RangeNotSatisfiableException) e).blobSize())
                .isEqualTo(1000L);
    }

    @Test
    void readShouldSendNoMoreThanIsRequested() {
        Digest digest =
                store.put(generated(14, 2L * MIB), null, MAX).block(TIMEOUT).digest();
        AtomicInteger received = new AtomicInteger();
        BaseSubscriber<DataBuffer> oneAtATime = new BaseSubscriber<>() {
            @Override
            protected void hookOnSubscribe(Subscription subscription) {
                request(1);
            }

            @Override
            protected void hookOnNext(DataBuffer buffer) {
                DataBufferUtils.release(buffer);
                received.incrementAndGet();
            }
        };

        store.read(digest, null).subscribe(oneAtATime);

        await().during(Duration.ofMillis(300)).atMost(TIMEOUT).until(() -> received.get() == 1);
        oneAtATime.request(2);
        await().during(Duration.ofMillis(300)).atMost(TIMEOUT).until(() -> received.get() == 3);
        oneAtATime.dispose();
    }

    @Test
    void readWhenBlobIsMissingShouldFailWithNotFound() {
        Digest missing = digestOf(bytes(15, 10));

        assertThatThrownBy(() -> collect(store.read(missing, null)))
                .isInstanceOf(BlobNotFoundException.class)
                .hasMessage("the blob " + missing + " does not exist");
        assertThatThrownBy(() -> collect(store.read(missing, ByteRange.of(0, 5))))
                .isInstanceOf(BlobNotFoundException.class);
    }

    @Test
    void existsAndSizeWhenBlobIsMissingShouldSaySo() {
        Digest missing = digestOf(bytes(16, 10));

        assertThat(store.exists(missing).block(TIMEOUT)).isFalse();
        assertThat(store.size(missing).blockOptional(TIMEOUT)).isEmpty();
    }

    @Test
    void deleteShouldRemoveTheBlob() {
        byte[] content = bytes(17, 1000);
        Digest digest = store.put(flux(content), null, MAX).block(TIMEOUT).digest();

        assertThat(store.delete(digest).block(TIMEOUT)).isTrue();

        assertThat(store.exists(digest).block(TIMEOUT)).isFalse();
        assertThat(store.delete(digest).block(TIMEOUT)).isFalse();
        assertThatThrownBy(() -> collect(store.read(digest, null))).isInstanceOf(BlobNotFoundException.class);
        assertThat(store.put(flux(content), null, MAX).block(TIMEOUT).created()).isTrue();
    }

    @Test
    void listShouldReturnEveryStoredBlob() {
        List<Digest> digests = Flux.range(0, 5)
                .concatMap(i -> store.put(flux(bytes(100 + i, 100 + i)), null, MAX))
                .map(StoredBlob::digest)
                .collectList()
                .block(TIMEOUT);

        assertThat(store.list().collectList().block(TIMEOUT)).containsExactlyInAnyOrderElementsOf(digests);
    }

    @Test
    void checkHealthWhenBackendWorksShouldComplete() {
        assertThat(store.checkHealth().then(Mono.just(true)).block(TIMEOUT)).isTrue();
    }

    @Test
    void putAndReadShouldCountBytesTaggedWithTheStoreKindOnly() {
        byte[] content = bytes(18, 70_000);
        Digest digest = store.put(flux(content), null, MAX).block(TIMEOUT).digest();
        collect(store.read(digest, ByteRange.of(0, 1000)));

        assertThat(meters.get("wharf.storage.written")
                        .tag("store", kind())
                        .counter()
                        .count())
                .isEqualTo(70_000);
        assertThat(meters.get("wharf.storage.read")
                        .tag("store", kind())
                        .counter()
                        .count())
                .isEqualTo(1000);
        assertThat(meters.get("wharf.storage.errors")
                        .tag("store", kind())
                        .counter()
                        .count())
                .isZero();
        assertThat(meters.getMeters())
                .allSatisfy(meter -> assertThat(meter.getId().getTags())
                        .extracting(tag -> tag.getKey())
                        .containsOnly("store"));
    }

    private byte[] readRange(Digest digest, String header, long size) {
        ByteRange range = ByteRange.parse(header, size).orElseThrow();
        return collect(store.read(digest, range));
    }
}
