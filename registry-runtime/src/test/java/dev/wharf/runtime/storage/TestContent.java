package dev.wharf.runtime.storage;

import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.core.io.buffer.NettyDataBuffer;
import org.springframework.core.io.buffer.NettyDataBufferFactory;
import reactor.core.publisher.Flux;

/** Upload content for the storage tests: small arrays, or large content generated on the fly from a seed. */
final class TestContent {

    static final int CHUNK = 64 * 1024;
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private TestContent() {}

    /** Random bytes from a seed. */
    static byte[] bytes(long seed, int size) {
        byte[] bytes = new byte[size];
        new SplittableRandom(seed).nextBytes(bytes);
        return bytes;
    }

    /** {@code bytes} in buffers of at most {@code chunk} bytes. */
    static Flux<DataBuffer> flux(byte[] bytes, int chunk) {
        return Flux.range(0, (bytes.length + chunk - 1) / chunk)
                .map(i -> DefaultDataBufferFactory.sharedInstance.wrap(
                        Arrays.copyOfRange(bytes, i * chunk, Math.min(bytes.length, (i + 1) * chunk))));
    }

    /**
     * {@code bytes} in reference-counted Netty buffers of 8 KiB, as a WebFlux request body arrives; each buffer the
     * flux emits is added to {@code emitted}, so a test can check that all were released.
     */
    static Flux<DataBuffer> nettyFlux(byte[] bytes, List<NettyDataBuffer> emitted) {
        NettyDataBufferFactory factory = new NettyDataBufferFactory(UnpooledByteBufAllocator.DEFAULT);
        int chunk = 8 * 1024;
        return Flux.range(0, (bytes.length + chunk - 1) / chunk)
                .map(i -> factory.wrap(Unpooled.wrappedBuffer(
                        Arrays.copyOfRange(bytes, i * chunk, Math.min(bytes.length, (i + 1) * chunk)))))
                .doOnNext(emitted::add)
                .cast(DataBuffer.class);
    }

    /** {@code bytes} in buffers of 8 KiB, the size Netty hands request bodies over in. */
    static Flux<DataBuffer> flux(byte[] bytes) {
        return flux(bytes, 8 * 1024);
    }

    /** {@code size} bytes generated from {@code seed} as they are requested, never held at once. */
    static Flux<DataBuffer> generated(long seed, long size) {
        return generated(seed, size, new AtomicLong());
    }

    /** Like {@link #generated(long, long)}, adding the bytes emitted to {@code emitted}. */
    static Flux<DataBuffer> generated(long seed, long size, AtomicLong emitted) {
        return Flux.generate(() -> new Generator(new SplittableRandom(seed), size), (generator, sink) -> {
            if (generator.left == 0) {
                sink.complete();
                return generator;
            }
            byte[] chunk = new byte[(int) Math.min(CHUNK, generator.left)];
            generator.random.nextBytes(chunk);
            generator.left -= chunk.length;
            emitted.addAndGet(chunk.length);
            sink.next(DefaultDataBufferFactory.sharedInstance.wrap(chunk));
            return generator;
        });
    }

    private static final class Generator {
        private final SplittableRandom random;
        private long left;

        Generator(SplittableRandom random, long left) {
            this.random = random;
            this.left = left;
        }
    }

    /** The digest of {@link #generated(long, long)}, computed the same streaming way. */
    static Digest digestOfGenerated(long seed, long size) {
        return digest(generated(seed, size));
    }

    static Digest digestOf(byte[] bytes) {
        return Digest.sha256(sha256().digest(bytes));
    }

    /** Hashes a stream of buffers, releasing each; for content too large to collect. */
    static Digest digest(Flux<DataBuffer> content) {
        MessageDigest sha256 = sha256();
        content.doOnNext(buffer -> {
                    try (DataBuffer.ByteBufferIterator views = buffer.readableByteBuffers()) {
                        views.forEachRemaining(sha256::update);
                    } finally {
                        DataBufferUtils.release(buffer);
                    }
                })
                .blockLast(TIMEOUT);
        return Digest.sha256(sha256.digest());
    }

    /** All bytes of a small stream. */
    static byte[] collect(Flux<DataBuffer> content) {
        DataBuffer joined = DataBufferUtils.join(content).block(TIMEOUT);
        if (joined == null) {
            return new byte[0];
        }
        byte[] bytes = new byte[joined.readableByteCount()];
        joined.read(bytes);
        DataBufferUtils.release(joined);
        return bytes;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
