package dev.wharf.runtime.gc;

import dev.wharf.runtime.metadata.AllFormatRows;
import dev.wharf.runtime.metadata.MetadataDatabase;
import dev.wharf.runtime.storage.BlobStore;
import dev.wharf.runtime.storage.Digest;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Lets go of blobs no row references any more (no file, no format's row), following the {@code blob_ref} protocol of
 * the schema: a blob is first marked, so that a concurrent claim fails rather than points at bytes about to go (a
 * purge marks in the transaction that deleted the registry's rows; the collector on its own); then the bytes of each
 * marked blob are deleted from the stores, then its row. A blob some row of the database still references is not
 * marked, and stays.
 *
 * <p>The mark is conditional on {@code last_claimed_at} being what this transaction read, so that a claim committed
 * by another registry's writer while the mark waited for its row lock is never overruled. Marked rows outlive a crash:
 * {@link #finishMarked} completes them on the next run.
 */
public final class BlobRelease {

    private static final String CLAIMED =
            "SELECT last_claimed_at FROM blob_ref WHERE digest = :digest AND gc_marked_at IS NULL";
    private static final String DELETE_ROW = "DELETE FROM blob_ref WHERE digest = :digest AND gc_marked_at IS NOT NULL";

    private final DatabaseClient client;
    private final List<BlobStore> stores;
    private final Clock clock;
    private final String mark;
    private final String marked;

    /**
     * @param stores the stores to delete bytes from, each asked for every blob; none to delete only the rows (the bytes
     *     are on a volume that goes with the registry)
     */
    public BlobRelease(MetadataDatabase database, AllFormatRows formats, List<BlobStore> stores, Clock clock) {
        this.client = database.client();
        this.stores = List.copyOf(stores);
        this.clock = clock;
        String unreferenced = formats.unreferenced();
        this.mark = "UPDATE blob_ref b SET gc_marked_at = :now WHERE b.digest = :digest AND b.gc_marked_at IS NULL"
                + " AND b.last_claimed_at = :claimed AND " + unreferenced;
        this.marked = "SELECT b.digest FROM blob_ref b WHERE b.gc_marked_at IS NOT NULL AND " + unreferenced
                + " ORDER BY b.digest LIMIT :limit";
    }

    /**
     * Marks those of {@code digests} that no row references any more; to be called in the transaction that deleted
     * the rows. Digests are marked in order, so that two purges never wait on each other.
     *
     * @return the digests marked
     */
    public Mono<List<Digest>> mark(Collection<String> digests) {
        OffsetDateTime now = clock.instant().truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
        return Flux.fromStream(digests.stream().distinct().sorted())
                .concatMap(digest -> client.sql(CLAIMED)
                        .bind("digest", digest)
                        .map(row -> Objects.requireNonNull(
                                row.get("last_claimed_at", OffsetDateTime.class), "blob_ref.last_claimed_at"))
                        .one()
                        .flatMap(claimed -> client.sql(mark)
                                .bind("now", now)
                                .bind("digest", digest)
                                .bind("claimed", claimed)
                                .fetch()
                                .rowsUpdated())
                        .filter(rows -> rows > 0)
                        .map(rows -> Digest.parse(digest)))
                .collectList();
    }

    /**
     * Deletes the bytes, then the rows, of blobs marked by {@link #mark} in a committed transaction.
     *
     * @return how many rows were deleted
     */
    public Mono<Long> delete(List<Digest> marked) {
        return Flux.fromIterable(marked)
                .concatMap(digest -> deleteBytes(digest)
                        .then(client.sql(DELETE_ROW)
                                .bind("digest", digest.toString())
                                .fetch()
                                .rowsUpdated()))
                .reduce(0L, Long::sum);
    }

    /**
     * Completes what a run that stopped half way left: blobs marked and referenced by no row, whose bytes and rows
     * were not deleted yet.
     *
     * @return how many were completed
     */
    public Mono<Long> finishMarked(int batch) {
        return client.sql(marked)
                .bind("limit", batch)
                .map(row -> Digest.parse(String.valueOf(row.get("digest", String.class))))
                .all()
                .collectList()
                .flatMap(marked -> marked.isEmpty()
                        ? Mono.just(0L)
                        : delete(marked).flatMap(deleted -> finishMarked(batch).map(more -> deleted + more)));
    }

    private Mono<Void> deleteBytes(Digest digest) {
        return Flux.fromIterable(stores)
                .concatMap(store -> store.delete(digest))
                .then();
    }
}
