package dev.wharf.runtime.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/** A reader that waits for a batch that cannot come hangs: each test fails after 30 s instead of blocking the build. */
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class UploadSourceTest {

    private static final DefaultDataBufferFactory BUFFERS = DefaultDataBufferFactory.sharedInstance;

    @Test
    void aTricklingUploadArrivesWholeAndInOrderInBatches() {
        Flux<DataBuffer> content =
                Flux.range(0, 100).delayElements(Duration.ofMillis(1)).map(UploadSourceTest::buffer);

        assertThat(readAllInBatches(new UploadSource(content, Long.MAX_VALUE))).isEqualTo(expected(100));
    }

    @Test
    void readingOneBufferAtATimeGetsTheSameBytes() {
        UploadSource source = new UploadSource(Flux.range(0, 37).map(UploadSourceTest::buffer), Long.MAX_VALUE);
        source.start();
        ByteArrayOutputStream read = new ByteArrayOutputStream();
        for (DataBuffer buffer = source.next(); buffer != null; buffer = source.next()) {
            read.writeBytes(bytes(buffer));
        }
        source.close();

        assertThat(read.toString(StandardCharsets.UTF_8)).isEqualTo(expected(37));
    }

    @Test
    void anUploadShorterThanABatchEndsWithoutWaitingForMore() {
        Flux<DataBuffer> content = Flux.range(0, 3).map(UploadSourceTest::buffer);

        assertThat(readAllInBatches(new UploadSource(content, Long.MAX_VALUE))).isEqualTo(expected(3));
    }

    @Test
    void anUploaderThatPausesMidBatchIsWaitedForAndNeverDeadlocks() throws Exception {
        Sinks.Many<DataBuffer> uploader = Sinks.many().unicast().onBackpressureBuffer();
        UploadSource source = new UploadSource(uploader.asFlux(), Long.MAX_VALUE);
        CompletableFuture<String> read = new CompletableFuture<>();
        Thread reader = Thread.ofPlatform().start(() -> read.complete(readAllInBatches(source)));

        for (int i = 0; i < 11; i++) {
            uploader.tryEmitNext(buffer(i));
            if (i == 2 || i == 9) {
                // The uploader pauses until the reader sleeps on a batch that is not complete yet.
                await().atMost(Duration.ofSeconds(10)).until(() -> reader.getState() == Thread.State.WAITING);
            }
        }
        uploader.tryEmitComplete();

        assertThat(read.get(10, TimeUnit.SECONDS)).isEqualTo(expected(11));
    }

    @Test
    void atMostAWindowOfBuffersIsAskedForAheadOfTheReader() {
        AtomicLong requested = new AtomicLong();
        AtomicLong emitted = new AtomicLong();
        AtomicLong mostAhead = new AtomicLong();
        Flux<DataBuffer> content = Flux.range(0, 200)
                .doOnRequest(requested::addAndGet)
                .map(UploadSourceTest::buffer)
                .doOnNext(ignored -> emitted.incrementAndGet());
        UploadSource source = new UploadSource(content, Long.MAX_VALUE);
        source.start();
        long read = 0;
        for (List<DataBuffer> batch = source.nextBatch(); !batch.isEmpty(); batch = source.nextBatch()) {
            read += batch.size();
            batch.forEach(DataBufferUtils::release);
            mostAhead.accumulateAndGet(requested.get() - read, Math::max);
        }
        source.close();

        assertThat(read).isEqualTo(200);
        assertThat(mostAhead.get()).isLessThanOrEqualTo(16);
    }

    @Test
    void cancellingWakesAWaitingReaderWithACancellation() {
        Sinks.Many<DataBuffer> uploader = Sinks.many().unicast().onBackpressureBuffer();
        UploadSource source = new UploadSource(uploader.asFlux(), Long.MAX_VALUE);
        source.start();
        uploader.tryEmitNext(buffer(0));
        List<DataBuffer> first = source.nextBatch();
        first.forEach(DataBufferUtils::release);
        CompletableFuture<List<DataBuffer>> read = new CompletableFuture<>();
        Thread reader = Thread.ofPlatform().start(() -> {
            try {
                read.complete(source.nextBatch());
            } catch (RuntimeException e) {
                read.completeExceptionally(e);
            }
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> reader.getState() == Thread.State.WAITING);

        source.cancel();

        assertThat(first).hasSize(1);
        assertThatThrownBy(() -> read.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(CancellationException.class);
    }

    @Test
    void aFailingUploadFailsTheReaderAfterWhatCameBeforeIt() {
        Flux<DataBuffer> content = Flux.range(0, 5)
                .map(UploadSourceTest::buffer)
                .concatWith(Flux.error(new IllegalStateException("connection reset")));
        UploadSource source = new UploadSource(content, Long.MAX_VALUE);
        source.start();

        List<DataBuffer> first = source.nextBatch();
        assertThat(first).hasSize(5);
        first.forEach(DataBufferUtils::release);
        assertThatThrownBy(source::nextBatch)
                .isInstanceOf(UploadSource.ContentFailure.class)
                .hasMessage("connection reset");
        source.close();
    }

    private static String readAllInBatches(UploadSource source) {
        source.start();
        ByteArrayOutputStream read = new ByteArrayOutputStream();
        for (List<DataBuffer> batch = source.nextBatch(); !batch.isEmpty(); batch = source.nextBatch()) {
            batch.forEach(buffer -> read.writeBytes(bytes(buffer)));
        }
        source.close();
        return read.toString(StandardCharsets.UTF_8);
    }

    private static byte[] bytes(DataBuffer buffer) {
        try {
            byte[] bytes = new byte[buffer.readableByteCount()];
            buffer.read(bytes);
            return bytes;
        } finally {
            DataBufferUtils.release(buffer);
        }
    }

    private static DataBuffer buffer(int index) {
        return BUFFERS.wrap(("<" + index + ">").getBytes(StandardCharsets.UTF_8));
    }

    private static String expected(int count) {
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < count; i++) {
            expected.append('<').append(i).append('>');
        }
        return expected.toString();
    }
}
