package dev.wharf.runtime.metadata;

import dev.wharf.runtime.storage.Digest;
import java.time.Instant;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/**
 * Claims blobs for files in the caller's transaction, as the schema's {@code blob_ref} protocol says: the row is
 * inserted or its {@code last_claimed_at} set, and a blob marked by the collector is refused.
 */
public final class BlobClaims {

    private static final String TOUCH =
            "UPDATE blob_ref SET last_claimed_at = :now" + " WHERE digest = :digest AND gc_marked_at IS NULL";
    private static final String INSERT = "INSERT INTO blob_ref (digest, size_bytes, created_at, last_claimed_at)"
            + " VALUES (:digest, :size, :now, :now) ON CONFLICT DO NOTHING";

    private BlobClaims() {}

    /**
     * Claims the blob; fails with a {@link BlobMarkedForDeletionException} when the collector has marked it. Callers
     * claiming several blobs claim them in digest order, so that two transactions never wait on each other.
     */
    public static Mono<Void> claim(DatabaseClient client, Digest digest, long sizeBytes, Instant now) {
        // Touch first (the common case: the blob is known), else insert; a row neither touched nor inserted is
        // either marked or was inserted by a concurrent claim since the first touch, which a second touch tells apart.
        return touch(client, digest, now)
                .flatMap(touched -> touched ? Mono.just(true) : insert(client, digest, sizeBytes, now))
                .flatMap(claimed -> claimed ? Mono.just(true) : touch(client, digest, now))
                .flatMap(claimed ->
                        claimed ? Mono.<Void>empty() : Mono.error(new BlobMarkedForDeletionException(digest)));
    }

    private static Mono<Boolean> touch(DatabaseClient client, Digest digest, Instant now) {
        return client.sql(TOUCH)
                .bind("now", Sql.time(now))
                .bind("digest", digest.toString())
                .fetch()
                .rowsUpdated()
                .map(rows -> rows > 0);
    }

    private static Mono<Boolean> insert(DatabaseClient client, Digest digest, long sizeBytes, Instant now) {
        return client.sql(INSERT)
                .bind("digest", digest.toString())
                .bind("size", sizeBytes)
                .bind("now", Sql.time(now))
                .fetch()
                .rowsUpdated()
                .map(rows -> rows > 0);
    }
}
