package dev.wharf.runtime.cleanup;

import dev.wharf.runtime.metadata.MetadataDatabase;
import dev.wharf.runtime.metadata.Sql;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The runs of the policies in the metadata database: started, counted as they go, finished with an outcome. */
final class CleanupRuns {

    private static final String COLUMNS = "id, policy, plan_id, mode, started_by, started_at, finished_at, outcome,"
            + " deleted, freed_bytes, gone, message";
    private static final String START = "INSERT INTO cleanup_run (policy, mode, started_by, holder, started_at)"
            + " VALUES (:policy, :mode, :by, :holder, :now)";
    private static final String STARTED =
            "SELECT MAX(id) AS id FROM cleanup_run WHERE policy = :policy" + " AND holder = :holder";
    private static final String PLAN = "UPDATE cleanup_run SET plan_id = :plan WHERE id = :id";
    private static final String PROGRESS =
            "UPDATE cleanup_run SET deleted = :deleted, freed_bytes = :freed, gone = :gone WHERE id = :id";
    private static final String FINISH = "UPDATE cleanup_run SET finished_at = :now, outcome = :outcome,"
            + " deleted = :deleted, freed_bytes = :freed, gone = :gone, message = :message WHERE id = :id";
    private static final String LATEST =
            "SELECT " + COLUMNS + " FROM cleanup_run WHERE policy = :policy" + " ORDER BY id DESC LIMIT 1";
    private static final String LATEST_FINISHED = "SELECT " + COLUMNS + " FROM cleanup_run WHERE policy = :policy"
            + " AND finished_at IS NOT NULL ORDER BY id DESC LIMIT 1";
    private static final String UNFINISHED =
            "SELECT " + COLUMNS + " FROM cleanup_run WHERE finished_at IS NULL ORDER BY id";
    private static final String DROP_OLD =
            "DELETE FROM cleanup_run WHERE policy = :policy AND id < :keep" + " AND finished_at IS NOT NULL";

    /** How many finished runs of a policy are kept. */
    static final int KEPT_RUNS = 100;

    private final DatabaseClient client;

    CleanupRuns(MetadataDatabase database) {
        this.client = database.client();
    }

    /** Records a run starting now; its id. */
    Mono<Long> start(String policy, String mode, String startedBy, String holder, Instant now) {
        return client.sql(START)
                .bind("policy", policy)
                .bind("mode", mode)
                .bind("by", Words.bounded(startedBy, 253))
                .bind("holder", holder)
                .bind("now", Sql.time(now))
                .then()
                .then(client.sql(STARTED)
                        .bind("policy", policy)
                        .bind("holder", holder)
                        .map(row -> Sql.number(row, "id"))
                        .one())
                .flatMap(id -> client.sql(DROP_OLD)
                        .bind("policy", policy)
                        .bind("keep", id - KEPT_RUNS)
                        .then()
                        .thenReturn(id));
    }

    Mono<Void> planned(long runId, long planId) {
        return client.sql(PLAN).bind("plan", planId).bind("id", runId).then();
    }

    Mono<Void> progress(long runId, long deleted, long freed, long gone) {
        return client.sql(PROGRESS)
                .bind("deleted", deleted)
                .bind("freed", freed)
                .bind("gone", gone)
                .bind("id", runId)
                .then();
    }

    Mono<RunRecord> finish(
            long runId, RunOutcome outcome, long deleted, long freed, long gone, String message, Instant now) {
        return client.sql(FINISH)
                .bind("now", Sql.time(now))
                .bind("outcome", outcome.name())
                .bind("deleted", deleted)
                .bind("freed", freed)
                .bind("gone", gone)
                .bind("message", Words.bounded(message, 4096))
                .bind("id", runId)
                .then()
                .then(client.sql("SELECT " + COLUMNS + " FROM cleanup_run WHERE id = :id")
                        .bind("id", runId)
                        .map(CleanupRuns::run)
                        .one());
    }

    /** The policy's newest run, finished or not. */
    Mono<RunRecord> latest(String policy) {
        return client.sql(LATEST).bind("policy", policy).map(CleanupRuns::run).one();
    }

    /** The policy's newest finished run. */
    Mono<RunRecord> latestFinished(String policy) {
        return client.sql(LATEST_FINISHED)
                .bind("policy", policy)
                .map(CleanupRuns::run)
                .one();
    }

    /** Every run not finished, of every policy: running elsewhere, or stopped with its runtime. */
    Flux<RunRecord> unfinished() {
        return client.sql(UNFINISHED).map(CleanupRuns::run).all();
    }

    private static RunRecord run(Readable row) {
        @Nullable Long plan = Sql.nullableNumber(row, "plan_id");
        return new RunRecord(
                Sql.number(row, "id"),
                Sql.text(row, "policy"),
                plan,
                Sql.text(row, "mode"),
                Sql.text(row, "started_by"),
                Sql.instant(row, "started_at"),
                Sql.nullableInstant(row, "finished_at"),
                Sql.nullableText(row, "outcome"),
                Sql.number(row, "deleted"),
                Sql.number(row, "freed_bytes"),
                Sql.number(row, "gone"),
                Sql.nullableText(row, "message"));
    }
}
