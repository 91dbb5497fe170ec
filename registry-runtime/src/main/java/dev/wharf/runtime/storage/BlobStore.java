package dev.wharf.runtime.storage;

import java.nio.file.Path;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.buffer.DataBuffer;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Content-addressed blobs: each is stored once, under the sha256 of its content, and never changes.
 *
 * <p>Everything streams with backpressure: no method holds a whole blob in memory. Failures of the backend itself
 * (disk, network, S3) are signalled as {@link StorageException}; the other exceptions named below describe the
 * request. Closing a store releases its connections; blobs are unaffected.
 */
public interface BlobStore extends AutoCloseable {

    /**
     * Stores the content read from {@code content}, requesting buffers only as fast as the backend writes them, and
     * computing its sha256 on the way. Every buffer is released.
     *
     * <p>The blob becomes visible to {@link #exists}, {@link #read} and {@link #list} only once its digest is verified
     * and its bytes are durable, all at once. When the store already holds it, it is not stored again and the result
     * says {@code created = false}. When the upload fails or the returned {@code Mono} is cancelled, nothing becomes
     * visible and its temporary data is removed.
     *
     * @param content the bytes; subscribed to once
     * @param expected the digest the content must have, when the request announced one
     * @param maxBytes the largest size accepted
     * @return the stored blob; or an error: {@link BlobTooLargeException} as soon as more than {@code maxBytes}
     *     arrive, {@link DigestMismatchException} when {@code expected} is given and differs, the error of
     *     {@code content} when it fails, {@link StorageException}
     */
    Mono<StoredBlob> put(Flux<DataBuffer> content, @Nullable Digest expected, long maxBytes);

    /** Whether the blob is stored (and complete). */
    Mono<Boolean> exists(Digest digest);

    /** The size of the blob in bytes; empty when it is not stored. */
    Mono<Long> size(Digest digest);

    /**
     * The bytes of the blob, or of a range of it, in chunks read as they are requested. The caller releases each
     * buffer (WebFlux does when it writes them out).
     *
     * @param range the part to read, null for all of it; a length running past the end is cut at the end
     * @return the bytes; or an error: {@link BlobNotFoundException} when the blob is not stored,
     *     {@link RangeNotSatisfiableException} when the range starts at or after its end, {@link StorageException}
     */
    Flux<DataBuffer> read(Digest digest, @Nullable ByteRange range);

    /**
     * The blob as a file on a local filesystem, when the store keeps it as one, so that a full download can be sent
     * by the kernel (zero-copy) rather than read through buffers; empty for stores without local files, such as S3,
     * and for a blob not stored.
     */
    default Optional<Path> localFile(Digest digest) {
        return Optional.empty();
    }

    /**
     * Removes the blob; an upload of the same content afterwards stores it again.
     *
     * @return whether it was stored
     */
    Mono<Boolean> delete(Digest digest);

    /** The digests of all stored blobs, in no particular order, streamed page by page (for garbage collection). */
    Flux<Digest> list();

    /**
     * Completes when the backend can serve: a directory that can be written, a bucket that exists and the credentials
     * work. Errors with a {@link StorageException} saying what is wrong otherwise. For the readiness probe.
     */
    Mono<Void> checkHealth();

    /** Releases connections and threads; does not throw. */
    @Override
    default void close() {}
}
