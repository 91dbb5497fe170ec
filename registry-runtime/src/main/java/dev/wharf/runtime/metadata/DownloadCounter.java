package dev.wharf.runtime.metadata;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Counts downloads without a database write per download: counts are added up in memory and written every
 * {@code flushInterval} (and on close) to the file, its version and their last-download times.
 */
public final class DownloadCounter implements AutoCloseable {

    /** Past this many files counted, the counts are written at once rather than at the next tick. */
    static final int MAX_PENDING_FILES = 100_000;

    private static final Logger LOG = LoggerFactory.getLogger(DownloadCounter.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);
    private static final int WRITE_CONCURRENCY = 4;

    private static final String SET_COUNTS = " SET download_count = download_count + :count, last_downloaded_at ="
            + " CASE WHEN last_downloaded_at IS NULL OR last_downloaded_at < :last THEN :last"
            + " ELSE last_downloaded_at END WHERE id = :id";

    private final DatabaseClient client;
    private final Clock clock;
    private final Map<Long, Downloads> files = new ConcurrentHashMap<>();
    private final Map<Long, Downloads> versions = new ConcurrentHashMap<>();
    private final int maxPendingFiles;
    private final AtomicBoolean flushingEarly = new AtomicBoolean();
    private final Disposable timer;

    public DownloadCounter(MetadataDatabase database, Clock clock, Duration flushInterval) {
        this(database, clock, flushInterval, MAX_PENDING_FILES);
    }

    DownloadCounter(MetadataDatabase database, Clock clock, Duration flushInterval, int maxPendingFiles) {
        this.client = database.client();
        this.clock = clock;
        this.maxPendingFiles = maxPendingFiles;
        // Flux.interval ticks on Reactor's parallel scheduler, whose threads are daemons; a slow flush skips ticks.
        this.timer = Flux.interval(flushInterval, flushInterval)
                .onBackpressureDrop()
                .concatMap(tick -> flush().onErrorResume(e -> Mono.empty()), 1)
                .subscribe();
    }

    /** Counts one download of the file, now. Never blocks. */
    public void record(FileRecord file) {
        Downloads one = new Downloads(1, Sql.now(clock));
        files.merge(file.id(), one, Downloads::plus);
        versions.merge(file.versionId(), one, Downloads::plus);
        if (files.size() > maxPendingFiles && flushingEarly.compareAndSet(false, true)) {
            flush().onErrorResume(e -> Mono.empty())
                    .doFinally(signal -> flushingEarly.set(false))
                    .subscribe();
        }
    }

    /** Writes the counts gathered so far. */
    public Mono<Void> flush() {
        return Mono.defer(() -> {
            AtomicInteger failed = new AtomicInteger();
            return write("file", files, failed)
                    .then(write("version", versions, failed))
                    .then(Mono.defer(() -> failed.get() == 0
                            ? Mono.<Void>empty()
                            : Mono.error(new IllegalStateException("cannot write " + failed.get()
                                    + " download counts to the metadata database; they are kept for the next"
                                    + " flush"))));
        });
    }

    /** Flushes, then stops the timer. */
    @Override
    public void close() {
        try {
            flush().block(CLOSE_TIMEOUT);
        } catch (RuntimeException e) {
            LOG.warn("Download counts of {} files were not written at shutdown: {}", files.size(), e.toString());
        } finally {
            timer.dispose();
        }
    }

    /** Takes every pending count of the table and writes it; one that cannot be written is put back. */
    private Mono<Void> write(String table, Map<Long, Downloads> pending, AtomicInteger failed) {
        String sql = "UPDATE " + table + SET_COUNTS;
        return Flux.fromIterable(take(pending))
                .flatMap(
                        entry -> client.sql(sql)
                                .bind("count", entry.getValue().count())
                                .bind("last", Sql.time(entry.getValue().last()))
                                .bind("id", entry.getKey())
                                .then()
                                .onErrorResume(e -> {
                                    pending.merge(entry.getKey(), entry.getValue(), Downloads::plus);
                                    if (failed.getAndIncrement() == 0) {
                                        LOG.warn(
                                                "Cannot write download counts to the {} table: {}",
                                                table,
                                                e.toString());
                                    }
                                    return Mono.empty();
                                }),
                        WRITE_CONCURRENCY)
                .then();
    }

    private static List<Map.Entry<Long, Downloads>> take(Map<Long, Downloads> pending) {
        List<Map.Entry<Long, Downloads>> taken = new ArrayList<>();
        for (Long id : List.copyOf(pending.keySet())) {
            Downloads downloads = pending.remove(id);
            if (downloads != null) {
                taken.add(Map.entry(id, downloads));
            }
        }
        return taken;
    }

    /** Downloads of one file or version since the last flush. */
    private record Downloads(long count, Instant last) {

        Downloads plus(Downloads other) {
            return new Downloads(count + other.count, last.isAfter(other.last) ? last : other.last);
        }
    }
}
