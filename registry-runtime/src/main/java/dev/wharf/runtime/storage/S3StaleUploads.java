package dev.wharf.runtime.storage;

import io.minio.AbortMultipartUploadArgs;
import io.minio.ListMultipartUploadsArgs;
import io.minio.messages.Item;
import io.minio.messages.ListMultipartUploadsResult;
import java.time.Clock;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes what uploads interrupted by a crash left in an S3 store under {@code <prefix>uploads/}: temporary objects
 * and unfinished multipart uploads (invisible, but billed) older than {@link BlobLayout#STALE_UPLOAD_AGE}.
 */
final class S3StaleUploads {

    private static final Logger LOG = LoggerFactory.getLogger(S3StaleUploads.class);
    private static final int MAX_PAGES = 1000;

    private final S3Objects objects;
    private final String uploads;
    private final Clock clock;

    S3StaleUploads(S3Objects objects, Clock clock) {
        this.objects = objects;
        this.uploads = objects.key(BlobLayout.UPLOADS);
        this.clock = clock;
    }

    /** Removes them; blocks. Returns how many temporary objects and multipart uploads were removed. */
    int remove() {
        Instant cutoff = clock.instant().minus(BlobLayout.STALE_UPLOAD_AGE);
        int removed = removeObjects(cutoff) + abortMultipartUploads(cutoff);
        if (removed > 0) {
            LOG.info("removed {} stale uploads from {}", removed, uploads);
        }
        return removed;
    }

    private int removeObjects(Instant cutoff) {
        int removed = 0;
        for (Item item : objects.list(uploads, "stale uploads").toIterable()) {
            if (item.lastModified().toInstant().isBefore(cutoff)) {
                objects.remove(item.objectName(), "a stale upload");
                removed++;
            }
        }
        return removed;
    }

    private int abortMultipartUploads(Instant cutoff) {
        int aborted = 0;
        String keyMarker = null;
        String uploadIdMarker = null;
        for (int page = 0; page < MAX_PAGES; page++) {
            ListMultipartUploadsResult result = listMultipartUploads(keyMarker, uploadIdMarker);
            if (result == null) {
                return aborted;
            }
            for (ListMultipartUploadsResult.Upload upload : result.uploads()) {
                if (upload.initiated() != null && upload.initiated().toInstant().isBefore(cutoff)) {
                    objects.call(
                            "abort a stale multipart upload",
                            () -> objects.client()
                                    .abortMultipartUpload(AbortMultipartUploadArgs.builder()
                                            .bucket(objects.bucket())
                                            .object(upload.objectName())
                                            .uploadId(upload.uploadId())
                                            .build()));
                    aborted++;
                }
            }
            if (!result.isTruncated()) {
                return aborted;
            }
            keyMarker = result.nextKeyMarker();
            uploadIdMarker = result.nextUploadIdMarker();
        }
        return aborted;
    }

    /** One page of unfinished multipart uploads; null when the server does not list them. */
    private @Nullable ListMultipartUploadsResult listMultipartUploads(
            @Nullable String keyMarker, @Nullable String uploadIdMarker) {
        ListMultipartUploadsArgs.Builder args =
                ListMultipartUploadsArgs.builder().bucket(objects.bucket()).prefix(uploads);
        if (keyMarker != null) {
            args.keyMarker(keyMarker);
        }
        if (uploadIdMarker != null) {
            args.uploadIdMarker(uploadIdMarker);
        }
        try {
            return objects.client().listMultipartUploads(args.build()).join().result();
        } catch (RuntimeException e) {
            if ("NotImplemented".equals(S3Errors.code(e))) {
                LOG.debug("{} does not list multipart uploads; a bucket lifecycle rule must abort them", uploads);
                return null;
            }
            throw objects.errors().translate("list unfinished multipart uploads", e);
        }
    }
}
