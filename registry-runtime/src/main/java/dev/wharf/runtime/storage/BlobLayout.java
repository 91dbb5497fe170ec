package dev.wharf.runtime.storage;

import java.time.Duration;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The layout both stores share, relative to their root (a directory or a key prefix): blobs at
 * {@code blobs/sha256/<first 2 hex>/<hex>}, uploads in progress at {@code uploads/<random UUID>}. Names are built
 * only from a validated {@link Digest} or a generated UUID, never from request text.
 */
final class BlobLayout {

    /** Where the blobs are. */
    static final String BLOBS = "blobs/" + Digest.SHA256 + "/";

    /** Where uploads in progress are. */
    static final String UPLOADS = "uploads/";

    /** Temporary upload data older than this is taken for what a crash left behind, and removed. */
    static final Duration STALE_UPLOAD_AGE = Duration.ofDays(1);

    private BlobLayout() {}

    /** {@code blobs/sha256/<first 2 hex>/<hex>}. */
    static String blob(Digest digest) {
        return BLOBS + shard(digest) + "/" + digest.hex();
    }

    /** The two-hex-digit directory of a blob, which keeps directories and listings small. */
    static String shard(Digest digest) {
        return digest.hex().substring(0, 2);
    }

    /** A fresh name for an upload, {@code uploads/<random UUID>}. */
    static String newUpload() {
        return UPLOADS + UUID.randomUUID();
    }

    /** The digest of the blob stored as {@code <shard>/<name>}, or null when that is not a blob's place. */
    static @Nullable Digest digest(String shard, String name) {
        if (name.length() < 2 || !name.startsWith(shard) || shard.length() != 2) {
            return null;
        }
        try {
            return new Digest(Digest.SHA256, name);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
