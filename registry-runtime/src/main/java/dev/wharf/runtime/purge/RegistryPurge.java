package dev.wharf.runtime.purge;

import dev.wharf.runtime.gc.BlobRelease;
import dev.wharf.runtime.metadata.AllFormatRows;
import dev.wharf.runtime.metadata.FormatRowPurge;
import dev.wharf.runtime.metadata.MetadataDatabase;
import dev.wharf.runtime.storage.BlobStore;
import dev.wharf.runtime.storage.Digest;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.IntFunction;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Deletes every metadata row of one registry and the blobs only it referenced, in transactions of a bounded batch
 * each: OCI uploads in progress, OCI blob links, versions (with their files, tags and metadata entries), packages,
 * audit events and token scopes naming the registry, and its own row last. Blobs are released by {@link BlobRelease}.
 * A run that stopped half way is completed by the next; a run over a purged registry removes nothing and succeeds.
 */
public final class RegistryPurge {

    private static final Logger LOG = LoggerFactory.getLogger(RegistryPurge.class);

    /** Rows of one kind deleted per transaction. */
    static final int BATCH = 100;

    private static final Duration BATCH_TIMEOUT = Duration.ofMinutes(10);

    private final int batch;
    private final MetadataDatabase database;
    private final RegistryRows rows;
    private final List<FormatRowPurge> formatPurges;
    private final BlobRelease blobs;

    /**
     * @param database the registry's metadata database
     * @param store the registry's blob store; null to leave blob bytes alone (they are on a volume deleted with the
     *     registry) and delete only the database's record of them
     * @param clock the time blobs are marked at
     * @param formats the formats' own rows, deleted before the versions
     */
    public RegistryPurge(MetadataDatabase database, AllFormatRows formats, @Nullable BlobStore store, Clock clock) {
        this(database, formats, store, clock, BATCH);
    }

    /** With {@code batch} rows of one kind per transaction. */
    RegistryPurge(MetadataDatabase database, AllFormatRows formats, @Nullable BlobStore store, Clock clock, int batch) {
        this.batch = batch;
        this.database = database;
        this.rows = new RegistryRows(database);
        this.formatPurges = formats.purges();
        this.blobs = new BlobRelease(database, formats, store == null ? List.of() : List.of(store), clock);
    }

    /**
     * Purges the registry named {@code name}.
     *
     * @throws RuntimeException as the database or the store failed; what was deleted so far stays deleted, and running
     *     the purge again completes it
     */
    public PurgeReport purge(String name) {
        long resumed = block(blobs.finishMarked(batch));
        if (resumed > 0) {
            LOG.atInfo()
                    .addKeyValue("registry", name)
                    .addKeyValue("blobsDeleted", resumed)
                    .log("Completed {} blob deletion(s) an earlier run left half done", resumed);
        }
        Long id = rows.registryId(name).block(BATCH_TIMEOUT);
        Map<String, Totals> formatRows = new LinkedHashMap<>();
        Totals versions = new Totals();
        Totals packages = new Totals();
        long registryRows = 0;
        if (id != null) {
            long registry = id;
            for (FormatRowPurge step : formatPurges) {
                Totals totals = formatRows.computeIfAbsent(step.name(), key -> new Totals());
                drain(
                        name,
                        step.name(),
                        totals,
                        limit -> step.deleteBatch(database.client(), registry, limit)
                                .map(deleted -> new RegistryRows.Batch(deleted.rows(), 0, 0, deleted.digests())));
            }
            drain(name, "versions", versions, limit -> rows.versions(registry, limit));
            drain(name, "packages", packages, limit -> rows.packages(registry, limit));
        }
        long audit = 0;
        long deleted;
        do {
            deleted = block(rows.auditEvents(name, batch * 10));
            audit += deleted;
        } while (deleted > 0);
        long scopes = block(rows.tokenScopes(name));
        if (id != null) {
            registryRows = block(rows.registry(id));
        }
        long blobsDeleted = resumed
                + formatRows.values().stream()
                        .mapToLong(totals -> totals.blobsDeleted)
                        .sum()
                + versions.blobsDeleted
                + packages.blobsDeleted
                + block(blobs.finishMarked(batch));
        SortedMap<String, Long> formatRowsDeleted = new TreeMap<>();
        formatRows.forEach((step, totals) -> {
            if (totals.rows > 0) {
                formatRowsDeleted.put(step, totals.rows);
            }
        });
        PurgeReport report = new PurgeReport(
                formatRowsDeleted,
                versions.rows,
                versions.children,
                versions.tags,
                packages.rows,
                audit,
                scopes,
                registryRows,
                blobsDeleted);
        LOG.atInfo()
                .addKeyValue("registry", name)
                .addKeyValue("formatRows", report.formatRows())
                .addKeyValue("versions", report.versions())
                .addKeyValue("files", report.files())
                .addKeyValue("tags", report.tags())
                .addKeyValue("packages", report.packages())
                .addKeyValue("auditEvents", report.auditEvents())
                .addKeyValue("tokenScopes", report.tokenScopes())
                .addKeyValue("blobsDeleted", report.blobsDeleted())
                .log(report.isEmpty() ? "Registry {}: nothing left to purge" : "Registry {} purged: {}", name, report);
        return report;
    }

    /** Deletes batches until one comes back empty, each in its own transaction, releasing its blobs after it. */
    private void drain(String name, String phase, Totals totals, IntFunction<Mono<RegistryRows.Batch>> next) {
        while (true) {
            Marked marked = block(database.transactions()
                    .transactional(next.apply(batch)
                            .flatMap(rowsDeleted -> blobs.mark(rowsDeleted.digests())
                                    .map(digests -> new Marked(rowsDeleted, digests)))));
            if (marked.batch().rows() == 0) {
                return;
            }
            long deleted = block(blobs.delete(marked.digests()));
            totals.add(marked.batch(), deleted);
            LOG.atInfo()
                    .addKeyValue("registry", name)
                    .addKeyValue("phase", phase)
                    .addKeyValue("rows", totals.rows)
                    .addKeyValue("blobsDeleted", totals.blobsDeleted)
                    .log("Registry {}: {} {} row(s) deleted so far", name, totals.rows, phase);
        }
    }

    private static <T> T block(Mono<T> work) {
        T value = work.block(BATCH_TIMEOUT);
        if (value == null) {
            throw new IllegalStateException("a purge step returned nothing");
        }
        return value;
    }

    /** A batch of deleted rows and the blobs it marked, from one transaction. */
    private record Marked(RegistryRows.Batch batch, List<Digest> digests) {}

    /** The running totals of one phase. */
    private static final class Totals {
        long rows;
        long children;
        long tags;
        long blobsDeleted;

        void add(RegistryRows.Batch batch, long blobs) {
            rows += batch.rows();
            children += batch.children();
            tags += batch.tags();
            blobsDeleted += blobs;
        }
    }
}
