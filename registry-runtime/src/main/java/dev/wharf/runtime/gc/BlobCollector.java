package dev.wharf.runtime.gc;

import dev.wharf.runtime.metadata.AllFormatRows;
import dev.wharf.runtime.metadata.MetadataDatabase;
import dev.wharf.runtime.metadata.Sql;
import dev.wharf.runtime.storage.BlobStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Collects the blobs that no row of the metadata references (no file, no format's row: {@link AllFormatRows}) and that
 * nothing claimed within the grace period: each is marked, which makes a claim that comes meanwhile fail rather than
 * point at bytes about to go, then its bytes are deleted from every store the registries use, then its row. A blob a
 * claim took between the query and the mark is not marked. Blobs are examined in digest order, a batch at a time, so
 * that a collection holds at most one batch in memory; one collection runs at a time in this runtime.
 */
public final class BlobCollector {

    private static final Logger LOG = LoggerFactory.getLogger(BlobCollector.class);

    private final DatabaseClient client;
    private final Clock clock;
    private final GcProperties properties;
    private final String candidates;
    private final @Nullable MeterRegistry meters;
    private final Mono<CollectionReport> running;

    /**
     * @param stores the stores of the registries served, read at the start of each collection
     * @param meters where the counts go; null for none
     */
    public BlobCollector(
            MetadataDatabase database,
            AllFormatRows formats,
            Supplier<List<BlobStore>> stores,
            GcProperties properties,
            Clock clock,
            @Nullable MeterRegistry meters) {
        this.client = database.client();
        this.clock = clock;
        this.properties = properties;
        this.meters = meters;
        this.candidates = "SELECT b.digest, b.size_bytes FROM blob_ref b WHERE b.gc_marked_at IS NULL"
                + " AND b.last_claimed_at < :cutoff AND b.digest > :after AND " + formats.unreferenced()
                + " ORDER BY b.digest LIMIT :limit";
        // Concurrent callers (the schedule and POST /api/v1/gc) share the collection under way.
        this.running = Mono.defer(() -> collectOnce(new BlobRelease(database, formats, stores.get(), clock)))
                .cache(report -> Duration.ZERO, error -> Duration.ZERO, () -> Duration.ZERO);
    }

    /** Collects now, or joins the collection under way. */
    public Mono<CollectionReport> collect() {
        return running;
    }

    private Mono<CollectionReport> collectOnce(BlobRelease release) {
        Instant started = clock.instant();
        Instant cutoff = started.minus(properties.grace());
        AtomicLong examined = new AtomicLong();
        AtomicLong deleted = new AtomicLong();
        AtomicLong bytes = new AtomicLong();
        return release.finishMarked(properties.batch())
                .flatMap(finished -> batches(cutoff)
                        .concatMap(batch -> {
                            examined.addAndGet(batch.size());
                            Map<String, Long> sizes =
                                    batch.stream().collect(Collectors.toMap(Candidate::digest, Candidate::sizeBytes));
                            return release.mark(sizes.keySet())
                                    .flatMap(marked -> release.delete(marked).thenReturn(marked))
                                    .doOnNext(marked -> {
                                        deleted.addAndGet(marked.size());
                                        marked.forEach(
                                                digest -> bytes.addAndGet(sizes.getOrDefault(digest.toString(), 0L)));
                                        LOG.info(
                                                "Blob collection: {} examined, {} deleted ({} bytes) so far",
                                                examined.get(),
                                                deleted.get(),
                                                bytes.get());
                                    });
                        })
                        .then(Mono.fromSupplier(() -> new CollectionReport(
                                started,
                                Duration.between(started, clock.instant()),
                                examined.get(),
                                deleted.get(),
                                bytes.get(),
                                finished))))
                .doOnNext(this::record);
    }

    /** The candidates past {@code cutoff}, a batch at a time, each batch after the last digest of the one before. */
    private Flux<List<Candidate>> batches(Instant cutoff) {
        return batch(cutoff, "")
                .expand(batch -> batch.size() < properties.batch()
                        ? Mono.empty()
                        : batch(cutoff, batch.getLast().digest()));
    }

    private Mono<List<Candidate>> batch(Instant cutoff, String after) {
        return client.sql(candidates)
                .bind("cutoff", Sql.time(cutoff))
                .bind("after", after)
                .bind("limit", properties.batch())
                .map(row -> new Candidate(
                        Objects.requireNonNull(row.get("digest", String.class), "blob_ref.digest"),
                        Objects.requireNonNull(row.get("size_bytes", Long.class), "blob_ref.size_bytes")))
                .all()
                .collectList()
                .filter(batch -> !batch.isEmpty());
    }

    private record Candidate(String digest, long sizeBytes) {}

    private void record(CollectionReport report) {
        LOG.info(
                "Blob collection done in {} ms: {} unreferenced past the grace of {}, {} deleted ({} bytes), {}"
                        + " left marked by an earlier run completed",
                report.took().toMillis(),
                report.examined(),
                properties.grace(),
                report.blobsDeleted(),
                report.bytesDeleted(),
                report.finished());
        if (meters != null) {
            counter("wharf.gc.runs", "Blob collections run").increment();
            counter("wharf.gc.blobs.deleted", "Unreferenced blobs deleted").increment((double) report.blobsDeleted());
            counter("wharf.gc.bytes.deleted", "Bytes of unreferenced blobs deleted")
                    .increment((double) report.bytesDeleted());
        }
    }

    private Counter counter(String name, String description) {
        return Counter.builder(name).description(description).register(Objects.requireNonNull(meters));
    }
}
