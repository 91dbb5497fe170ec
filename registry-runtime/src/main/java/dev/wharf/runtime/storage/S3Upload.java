package dev.wharf.runtime.storage;

import java.util.concurrent.CancellationException;
import org.jspecify.annotations.Nullable;

/**
 * Stores one upload in S3: streams it into a temporary object {@code <prefix>uploads/<uuid>} (see
 * {@link S3TempWriter}), then, once the digest is verified, copies it server-side to its blob key and deletes the
 * temporary object. The blob is visible only once the copy completed. A failed or cancelled upload leaves no blob, and
 * its temporary object and multipart upload are removed.
 */
final class S3Upload {

    private final S3Objects objects;
    private final DigestLocks locks;
    private final StorageMetrics metrics;

    S3Upload(S3Objects objects, DigestLocks locks, StorageMetrics metrics) {
        this.objects = objects;
        this.locks = locks;
        this.metrics = metrics;
    }

    /** Reads the whole content from {@code source} and stores it; blocks until done. */
    StoredBlob store(UploadSource source, @Nullable Digest expected) throws Exception {
        String temp = objects.key(BlobLayout.newUpload());
        S3TempWriter writer = new S3TempWriter(objects, metrics, temp);
        try {
            source.start();
            long size = writer.write(source);
            Digest digest = source.meter().verify(expected);
            return locks.withLock(digest, () -> promote(source, temp, digest, size));
        } finally {
            source.close();
            if (writer.objectMayExist()) {
                objects.removeQuietly(temp, "a temporary upload");
            }
        }
    }

    private StoredBlob promote(UploadSource source, String temp, Digest digest, long size) {
        if (source.isCancelled()) {
            throw new CancellationException("the upload was cancelled");
        }
        String target = objects.key(BlobLayout.blob(digest));
        if (objects.sizeNow(target, digest.toString()) >= 0) {
            return new StoredBlob(digest, size, false);
        }
        objects.copy(temp, target, size, "the upload of " + digest);
        return new StoredBlob(digest, size, true);
    }
}
