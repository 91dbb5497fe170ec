package dev.wharf.runtime.storage;

import io.minio.AbortMultipartUploadArgs;
import io.minio.CompleteMultipartUploadArgs;
import io.minio.CreateMultipartUploadArgs;
import io.minio.Http;
import io.minio.PutObjectArgs;
import io.minio.UploadPartArgs;
import io.minio.messages.Part;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.zip.CRC32C;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;

/**
 * Writes an upload's content into one temporary S3 object: a single PUT when it fits in one part, otherwise a
 * multipart upload of parts of {@link S3BlobStore#PART_SIZE} bytes sent one after the other, so at most one part is in
 * memory. A multipart upload that does not complete is aborted. Blocks; one writer per upload.
 */
final class S3TempWriter {

    /** S3 accepts at most this many parts in one multipart upload. */
    static final int MAX_PARTS = 10_000;

    private static final Logger LOG = LoggerFactory.getLogger(S3TempWriter.class);
    private static final String CONTENT_TYPE = "application/octet-stream";
    private static final int FIRST_BUFFER = 256 * 1024;

    private final S3Objects objects;
    private final StorageMetrics metrics;
    private final String key;
    private @Nullable DataBuffer current;
    private boolean objectMayExist;

    S3TempWriter(S3Objects objects, StorageMetrics metrics, String key) {
        this.objects = objects;
        this.metrics = metrics;
        this.key = key;
    }

    /** Whether the temporary object may exist now, so it must be removed; false when S3 refused to write it. */
    boolean objectMayExist() {
        return objectMayExist;
    }

    /** Reads the whole content and writes it; returns its size. */
    long write(UploadSource source) {
        try {
            // Grows up to one part, so that small blobs do not cost a whole part of memory.
            byte[] part = new byte[FIRST_BUFFER];
            int length = 0;
            for (int count; (count = read(source, part, length)) > 0; ) {
                length += count;
                if (length == part.length) {
                    if (length == S3BlobStore.PART_SIZE) {
                        return writeParts(source, part);
                    }
                    part = Arrays.copyOf(part, Math.min(S3BlobStore.PART_SIZE, part.length * 2));
                }
            }
            byte[] bytes = part;
            int size = length;
            create(
                    "store an upload",
                    () -> objects.client()
                            .putObject(PutObjectArgs.builder()
                                    .bucket(objects.bucket())
                                    .object(key)
                                    .data(bytes, size)
                                    .contentType(CONTENT_TYPE)
                                    .build()));
            metrics.written(size);
            return size;
        } finally {
            DataBufferUtils.release(current);
            current = null;
        }
    }

    /** Sends {@code part}, which is full, and the rest of the content in a multipart upload. */
    private long writeParts(UploadSource source, byte[] part) {
        String uploadId = objects.call(
                        "start a multipart upload",
                        () -> objects.client()
                                .createMultipartUpload(CreateMultipartUploadArgs.builder()
                                        .bucket(objects.bucket())
                                        .object(key)
                                        .headers(new Http.Headers(
                                                "Content-Type", CONTENT_TYPE, "x-amz-checksum-algorithm", "CRC32C"))
                                        .build()))
                .result()
                .uploadId();
        boolean completed = false;
        try {
            List<Part> parts = new ArrayList<>();
            long size = 0;
            for (int length = part.length; length > 0; length = fill(source, part)) {
                if (parts.size() == MAX_PARTS) {
                    throw new StorageException("S3 takes at most " + MAX_PARTS + " parts of " + S3BlobStore.PART_SIZE
                            + " bytes; the upload is larger");
                }
                parts.add(writePart(uploadId, parts.size() + 1, part, length));
                size += length;
                metrics.written(length);
            }
            create(
                    "complete a multipart upload",
                    () -> objects.client()
                            .completeMultipartUpload(CompleteMultipartUploadArgs.builder()
                                    .bucket(objects.bucket())
                                    .object(key)
                                    .uploadId(uploadId)
                                    .parts(parts.toArray(Part[]::new))
                                    .build()));
            completed = true;
            return size;
        } finally {
            if (!completed) {
                abort(uploadId);
            }
        }
    }

    private Part writePart(String uploadId, int number, byte[] part, int length) {
        CRC32C crc = new CRC32C();
        crc.update(part, 0, length);
        long value = crc.getValue();
        byte[] checksum = {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value};
        return objects.call(
                        "upload part " + number,
                        () -> objects.client()
                                .uploadPart(UploadPartArgs.builder()
                                        .bucket(objects.bucket())
                                        .object(key)
                                        .uploadId(uploadId)
                                        .partNumber(number)
                                        .data(part, length)
                                        .headers(new Http.Headers(
                                                "x-amz-checksum-crc32c",
                                                Base64.getEncoder().encodeToString(checksum),
                                                "x-amz-sdk-checksum-algorithm",
                                                "CRC32C"))
                                        .build()))
                .part();
    }

    /** A request that creates the object, unless S3 refuses it. */
    private <T> T create(String action, Supplier<CompletableFuture<T>> request) {
        objectMayExist = true;
        try {
            return request.get().join();
        } catch (RuntimeException e) {
            objectMayExist = !S3Errors.isRefusal(e);
            throw objects.errors().translate(action, e);
        }
    }

    private void abort(String uploadId) {
        try {
            objects.call(
                    "abort a multipart upload",
                    () -> objects.client()
                            .abortMultipartUpload(AbortMultipartUploadArgs.builder()
                                    .bucket(objects.bucket())
                                    .object(key)
                                    .uploadId(uploadId)
                                    .build()));
        } catch (StorageException e) {
            LOG.warn(
                    "could not abort the multipart upload of {}; stale uploads are aborted later: {}",
                    key,
                    e.getMessage());
        }
    }

    /** Fills {@code part} from the content; returns how much, 0 at the end. */
    private int fill(UploadSource source, byte[] part) {
        int length = 0;
        for (int count; length < part.length && (count = read(source, part, length)) > 0; ) {
            length += count;
        }
        return length;
    }

    /** Copies up to the rest of {@code part} from the content, waiting for at least one byte; -1 at the end. */
    private int read(UploadSource source, byte[] part, int offset) {
        DataBuffer buffer = current;
        while (buffer == null || buffer.readableByteCount() == 0) {
            DataBufferUtils.release(buffer);
            current = null;
            buffer = source.next();
            if (buffer == null) {
                return -1;
            }
            current = buffer;
        }
        int count = Math.min(part.length - offset, buffer.readableByteCount());
        buffer.read(part, offset, count);
        return count;
    }
}
