package dev.wharf.runtime.npm;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.zip.GZIPOutputStream;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Packuments gzipped once per document, by its entity tag, and kept up to a total size: a cached packument of tens of
 * MB is compressed once, off the event loop and once however many clients ask at the same time, then served from the
 * kept bytes like the identity form.
 */
final class GzippedDocuments {

    private static final long MAX_BYTES = 64L * 1024 * 1024;
    private static final int ENTRY_OVERHEAD = 128;
    private static final int CHUNK = 64 * 1024;

    private final AsyncCache<String, byte[]> gzipped = Caffeine.newBuilder()
            .maximumWeight(MAX_BYTES)
            .weigher((String etag, byte[] bytes) -> bytes.length + ENTRY_OVERHEAD)
            .buildAsync();

    /** The document gzipped. */
    Mono<byte[]> of(NpmDocument document) {
        // A client that goes away does not cancel the compression others wait for.
        return Mono.fromFuture(
                () -> gzipped.get(
                        document.etag(),
                        (etag, executor) -> DataBufferUtils.join(document.body())
                                .publishOn(Schedulers.boundedElastic())
                                .map(GzippedDocuments::gzip)
                                .toFuture()),
                true);
    }

    private static byte[] gzip(DataBuffer document) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(CHUNK, document.readableByteCount() / 8));
        byte[] chunk = null;
        try (GZIPOutputStream gzip = new GZIPOutputStream(out, CHUNK);
                DataBuffer.ByteBufferIterator buffers = document.readableByteBuffers()) {
            while (buffers.hasNext()) {
                ByteBuffer buffer = buffers.next();
                if (buffer.hasArray()) {
                    gzip.write(buffer.array(), buffer.arrayOffset() + buffer.position(), buffer.remaining());
                    continue;
                }
                chunk = chunk == null ? new byte[CHUNK] : chunk;
                while (buffer.hasRemaining()) {
                    int length = Math.min(chunk.length, buffer.remaining());
                    buffer.get(chunk, 0, length);
                    gzip.write(chunk, 0, length);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            DataBufferUtils.release(document);
        }
        return out.toByteArray();
    }
}
