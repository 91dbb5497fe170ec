package dev.wharf.runtime.storage;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import reactor.core.publisher.SynchronousSink;

/**
 * Hashes and counts an upload's bytes as they arrive, and refuses them as soon as they pass the size limit.
 *
 * <p>Used as a {@code handle} step on the thread that delivers the buffers, so hashing runs alongside the writing.
 * Read {@link #digest()} only after the content completed.
 */
final class UploadMeter {

    private final MessageDigest sha256;
    private final long maxBytes;
    private long size;
    private @Nullable Digest digest;

    UploadMeter(long maxBytes) {
        if (maxBytes < 0) {
            throw new IllegalArgumentException("the size limit cannot be negative: " + maxBytes);
        }
        this.maxBytes = maxBytes;
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** Counts and hashes one buffer and passes it on, or releases it and fails the upload when it is one too many. */
    void accept(DataBuffer buffer, SynchronousSink<DataBuffer> sink) {
        int count = buffer.readableByteCount();
        if (count > maxBytes - size) {
            DataBufferUtils.release(buffer);
            sink.error(new BlobTooLargeException(maxBytes));
            return;
        }
        size += count;
        try (DataBuffer.ByteBufferIterator views = buffer.readableByteBuffers()) {
            while (views.hasNext()) {
                sha256.update(views.next());
            }
        }
        sink.next(buffer);
    }

    /** The bytes counted so far. */
    long size() {
        return size;
    }

    /** The sha256 of everything counted; call once the content is complete. */
    Digest digest() {
        Digest result = digest;
        if (result == null) {
            result = Digest.sha256(sha256.digest());
            digest = result;
        }
        return result;
    }

    /** The digest of the content, checked against the one the request announced, if any. */
    Digest verify(@Nullable Digest expected) {
        Digest actual = digest();
        if (expected != null && !expected.equals(actual)) {
            throw new DigestMismatchException(actual, expected);
        }
        return actual;
    }
}
