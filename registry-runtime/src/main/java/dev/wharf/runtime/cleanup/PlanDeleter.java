package dev.wharf.runtime.cleanup;

import dev.wharf.runtime.metadata.DeleteScope;
import dev.wharf.runtime.metadata.MetadataDatabase;
import dev.wharf.runtime.metadata.Versions;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/**
 * Deletes the candidates of a stored plan that no run deleted yet, one version at a time through the core's version
 * delete (each in its own transaction, with the format's hooks: dist-tags and {@code latest} moved, OCI blobs
 * unlinked), audit-trailed with the policy and the rule. Only versions the plan lists are deleted, and only while
 * they are the version the plan saw (same row, same name): one pushed again since is left alone.
 */
final class PlanDeleter {

    private static final int PAGE = 200;
    private static final String STILL_THERE =
            "SELECT 1 AS found FROM version WHERE id = :id AND package_id = :package AND version = :version";

    private final DatabaseClient client;
    private final PlanStore store;
    private final Versions versions;
    private final Clock clock;

    PlanDeleter(MetadataDatabase database, PlanStore store, Versions versions, Clock clock) {
        this.client = database.client();
        this.store = store;
        this.versions = versions;
        this.clock = clock;
    }

    /** What a run deleted so far. */
    static final class Counts {
        final AtomicLong deleted = new AtomicLong();
        final AtomicLong freed = new AtomicLong();
        final AtomicLong gone = new AtomicLong();
    }

    /**
     * Deletes the plan's pending candidates.
     *
     * @param progress called after each page with the counts so far
     */
    Mono<Counts> delete(StoredPlan plan, Counts counts, Consumer<Counts> progress) {
        String actor = "cleanup:" + plan.policy();
        return store.pending(plan.id(), 0, PAGE)
                .collectList()
                .expand(page -> page.size() < PAGE
                        ? Mono.empty()
                        : store.pending(plan.id(), page.getLast().seq(), PAGE).collectList())
                .concatMap(
                        page -> reactor.core.publisher.Flux.fromIterable(page)
                                .concatMap(item -> deleteOne(plan, item, actor, counts), 1)
                                .then(Mono.fromRunnable(() -> progress.accept(counts))),
                        1)
                .then(Mono.just(counts));
    }

    private Mono<Void> deleteOne(StoredPlan plan, PlanItem item, String actor, Counts counts) {
        String detail = "CleanupPolicy " + plan.policy() + ", rule " + item.rule() + ", plan " + plan.hash() + ": "
                + item.why();
        return client.sql(STILL_THERE)
                .bind("id", item.versionId())
                .bind("package", item.packageId())
                .bind("version", item.version())
                .map(row -> true)
                .first()
                .flatMap(there -> versions.delete(
                        item.packageId(), item.version(), actor, DeleteScope.EVERYTHING, Words.bounded(detail, 4096)))
                .defaultIfEmpty(false)
                .doOnNext(deleted -> {
                    if (deleted) {
                        counts.deleted.incrementAndGet();
                        counts.freed.addAndGet(item.sizeBytes());
                    } else {
                        counts.gone.incrementAndGet();
                    }
                })
                .then(store.markDeleted(plan.id(), item.seq(), clock.instant()));
    }
}
