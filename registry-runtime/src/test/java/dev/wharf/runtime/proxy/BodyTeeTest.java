package dev.wharf.runtime.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscription;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.NettyDataBufferFactory;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;

/** The tee gives both readers every buffer at the pace of the slower, releases each exactly once, and holds the end. */
class BodyTeeTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final NettyDataBufferFactory factory = new NettyDataBufferFactory(new UnpooledByteBufAllocator(false));
    private final List<ByteBuf> made = new CopyOnWriteArrayList<>();
    private final AtomicLong requested = new AtomicLong();

    /** {@code count} buffers of one letter each, counting what is requested of them. */
    private Flux<DataBuffer> source(int count) {
        return Flux.range(0, count)
                .map(i -> {
                    ByteBuf buf = factory.getByteBufAllocator().buffer(1).writeByte('a' + i % 26);
                    made.add(buf);
                    return (DataBuffer) factory.wrap(buf);
                })
                .doOnRequest(requested::addAndGet);
    }

    private static String letters(int count) {
        StringBuilder letters = new StringBuilder();
        for (int i = 0; i < count; i++) {
            letters.append((char) ('a' + i % 26));
        }
        return letters.toString();
    }

    /** Reads the letters, releasing each buffer, requesting one at a time only while told to. */
    private static final class Reader extends BaseSubscriber<DataBuffer> {

        final StringBuilder read = new StringBuilder();
        final AtomicReference<@Nullable String> end = new AtomicReference<>();
        private final boolean eager;

        Reader(boolean eager) {
            this.eager = eager;
        }

        @Override
        protected void hookOnSubscribe(Subscription subscription) {
            subscription.request(eager ? Long.MAX_VALUE : 1);
        }

        @Override
        protected void hookOnNext(DataBuffer buffer) {
            byte[] bytes = new byte[buffer.readableByteCount()];
            buffer.read(bytes);
            synchronized (read) {
                read.append(new String(bytes, StandardCharsets.US_ASCII));
            }
            DataBufferUtils.release(buffer);
        }

        @Override
        protected void hookOnComplete() {
            end.set("complete");
        }

        @Override
        protected void hookOnError(Throwable error) {
            end.set("error: " + error.getMessage());
        }

        String read() {
            synchronized (read) {
                return read.toString();
            }
        }
    }

    private void assertEveryBufferReleased() {
        assertThat(made).allSatisfy(buf -> assertThat(buf.refCnt()).isZero());
    }

    @Test
    void bothReadersShouldGetEveryBufferAndTheClientItsEndOnlyOnceVerified() {
        BodyTee tee = new BodyTee(source(100));
        Reader store = new Reader(true);
        Reader client = new Reader(true);
        tee.client().subscribe(client);
        tee.store().subscribe(store);

        await().atMost(WAIT).until(() -> store.end.get() != null);
        assertThat(store.read()).isEqualTo(letters(100));
        assertThat(client.read()).isEqualTo(letters(99));
        assertThat(client.end.get()).isNull();

        tee.verified();

        assertThat(client.read()).isEqualTo(letters(100));
        assertThat(client.end.get()).isEqualTo("complete");
        assertEveryBufferReleased();
    }

    @Test
    void aRejectionShouldFailTheClientWithoutItsLastBufferAndReleaseIt() {
        BodyTee tee = new BodyTee(source(10));
        Reader store = new Reader(true);
        Reader client = new Reader(true);
        tee.client().subscribe(client);
        tee.store().subscribe(store);
        await().atMost(WAIT).until(() -> store.end.get() != null);

        tee.reject(new UpstreamFailureException("the digest differs"));

        assertThat(client.read()).isEqualTo(letters(9));
        assertThat(client.end.get()).isEqualTo("error: the digest differs");
        assertEveryBufferReleased();
    }

    @Test
    void theBodyShouldBeReadNoFasterThanTheSlowerReader() {
        BodyTee tee = new BodyTee(source(1000));
        Reader store = new Reader(true);
        Reader client = new Reader(false);
        tee.client().subscribe(client);
        tee.store().subscribe(store);

        await().atMost(WAIT).until(() -> store.read().length() >= BodyTee.WINDOW);
        assertThat(requested.get()).isLessThanOrEqualTo(BodyTee.WINDOW + 1);
        assertThat(store.read().length()).isLessThanOrEqualTo(BodyTee.WINDOW + 1);

        client.requestUnbounded();
        await().atMost(WAIT).until(() -> store.end.get() != null);
        tee.verified();
        assertThat(client.read()).isEqualTo(letters(1000));
        assertEveryBufferReleased();
    }

    @Test
    void aClientThatLeavesShouldLeaveTheStoreToReadOnAlone() {
        BodyTee tee = new BodyTee(source(500));
        Reader store = new Reader(true);
        Reader client = new Reader(false);
        tee.client().subscribe(client);
        tee.store().subscribe(store);
        await().atMost(WAIT).until(() -> client.read().length() == 1);

        client.cancel();

        await().atMost(WAIT).until(() -> store.end.get() != null);
        assertThat(store.read()).isEqualTo(letters(500));
        assertEveryBufferReleased();
    }

    @Test
    void aClientThatNeverComesShouldBeGivenUpOnAfterTheTimeoutAndRefusedWhenItComesLate() {
        BodyTee tee = new BodyTee(source(500));
        Reader store = new Reader(true);
        tee.abandonClientAfter(Duration.ofMillis(100));
        tee.store().subscribe(store);

        await().atMost(WAIT).until(() -> store.end.get() != null);
        assertThat(store.read()).isEqualTo(letters(500));
        Reader late = new Reader(true);
        tee.client().subscribe(late);
        assertThat(late.end.get()).startsWith("error: an upstream body being stored can be read once");
        assertEveryBufferReleased();
    }

    @Test
    void whenBothReadersLeaveTheBodyShouldBeCancelled() {
        AtomicLong cancelled = new AtomicLong();
        BodyTee tee = new BodyTee(source(500).doOnCancel(cancelled::incrementAndGet));
        Reader store = new Reader(false);
        Reader client = new Reader(false);
        tee.client().subscribe(client);
        tee.store().subscribe(store);

        client.cancel();
        store.cancel();

        assertThat(cancelled.get()).isEqualTo(1);
        assertEveryBufferReleased();
    }
}
