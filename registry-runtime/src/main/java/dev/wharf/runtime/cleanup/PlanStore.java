package dev.wharf.runtime.cleanup;

import dev.wharf.runtime.metadata.MetadataDatabase;
import dev.wharf.runtime.metadata.Sql;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The plans of the policies in the metadata database: a plan's items are written as they are decided, many rows per
 * statement, and the plan is complete once its hash is set; a policy keeps only its newest complete plan, and the plans
 * of runs not finished.
 */
final class PlanStore {

    /** Rows per INSERT statement. */
    static final int ROWS_PER_INSERT = 100;

    private static final String COLUMNS = "plan_id, seq, kept, registry, package_id, package_name, version_id, version,"
            + " size_bytes, rule_name, why";
    private static final String CREATE = "INSERT INTO cleanup_plan (policy, planned_at) VALUES (:policy, :now)";
    private static final String LATEST_ID = "SELECT MAX(id) AS id FROM cleanup_plan WHERE policy = :policy";
    private static final String FINISH = "UPDATE cleanup_plan SET hash = :hash, candidates = :candidates,"
            + " bytes = :bytes, kept = :kept, notes = :notes WHERE id = :id";
    private static final String PLAN_COLUMNS = "id, policy, planned_at, hash, candidates, bytes, kept, notes";
    private static final String LATEST = "SELECT " + PLAN_COLUMNS + " FROM cleanup_plan WHERE policy = :policy"
            + " AND hash IS NOT NULL ORDER BY id DESC LIMIT 1";
    private static final String BY_ID = "SELECT " + PLAN_COLUMNS + " FROM cleanup_plan WHERE id = :id";
    private static final String DROP_OLDER = "DELETE FROM cleanup_plan WHERE policy = :policy AND id < :id"
            + " AND NOT EXISTS (SELECT 1 FROM cleanup_run r WHERE r.plan_id = cleanup_plan.id"
            + " AND r.finished_at IS NULL)";
    private static final String ITEMS = "SELECT " + COLUMNS + ", deleted_at FROM cleanup_plan_item"
            + " WHERE plan_id = :plan AND kept = :kept AND seq > :after ORDER BY seq LIMIT :limit";
    private static final String PENDING = "SELECT " + COLUMNS + ", deleted_at FROM cleanup_plan_item"
            + " WHERE plan_id = :plan AND kept = FALSE AND deleted_at IS NULL AND seq > :after ORDER BY seq LIMIT :limit";
    private static final String MARK_DELETED =
            "UPDATE cleanup_plan_item SET deleted_at = :now WHERE plan_id = :plan AND seq = :seq";

    private final MetadataDatabase database;
    private final DatabaseClient client;

    PlanStore(MetadataDatabase database) {
        this.database = database;
        this.client = database.client();
    }

    /** A new plan row, incomplete until {@link #finish}; its id. */
    Mono<Long> create(String policy, Instant now) {
        return client.sql(CREATE)
                .bind("policy", policy)
                .bind("now", Sql.time(now))
                .then()
                .then(client.sql(LATEST_ID)
                        .bind("policy", policy)
                        .map(row -> Sql.number(row, "id"))
                        .one());
    }

    /** Writes decisions of the plan, numbered from {@code firstSeq}. */
    Mono<Void> write(long planId, long firstSeq, List<Decision> decisions) {
        List<Mono<Void>> statements = new ArrayList<>();
        for (int start = 0; start < decisions.size(); start += ROWS_PER_INSERT) {
            List<Decision> rows = decisions.subList(start, Math.min(decisions.size(), start + ROWS_PER_INSERT));
            statements.add(insert(planId, firstSeq + start, rows));
        }
        return Flux.concat(statements).then();
    }

    private Mono<Void> insert(long planId, long firstSeq, List<Decision> rows) {
        StringBuilder sql = new StringBuilder("INSERT INTO cleanup_plan_item (" + COLUMNS + ") VALUES ");
        for (int i = 0; i < rows.size(); i++) {
            sql.append(i == 0 ? "" : ", ")
                    .append("(:plan, :s")
                    .append(i)
                    .append(", :k")
                    .append(i)
                    .append(", :r")
                    .append(i)
                    .append(", :p")
                    .append(i)
                    .append(", :n")
                    .append(i)
                    .append(", :v")
                    .append(i)
                    .append(", :vn")
                    .append(i)
                    .append(", :b")
                    .append(i)
                    .append(", :rule")
                    .append(i)
                    .append(", :why")
                    .append(i)
                    .append(')');
        }
        DatabaseClient.GenericExecuteSpec spec = client.sql(sql.toString()).bind("plan", planId);
        for (int i = 0; i < rows.size(); i++) {
            Decision row = rows.get(i);
            spec = spec.bind("s" + i, firstSeq + i)
                    .bind("k" + i, !row.delete())
                    .bind("r" + i, row.registry())
                    .bind("p" + i, row.packageId())
                    .bind("n" + i, row.packageName())
                    .bind("v" + i, row.version().id())
                    .bind("vn" + i, row.version().version())
                    .bind("b" + i, row.version().sizeBytes())
                    .bind("rule" + i, Sql.nullableText(row.rule()))
                    .bind("why" + i, Words.bounded(row.why(), 1024));
        }
        return spec.then();
    }

    /** Completes the plan with its tally, and drops the policy's older plans that no unfinished run uses. */
    Mono<StoredPlan> finish(long planId, String policy, PlanTally tally, @Nullable String notes) {
        return client.sql(FINISH)
                .bind("hash", tally.hash())
                .bind("candidates", tally.candidates())
                .bind("bytes", tally.bytes())
                .bind("kept", tally.kept())
                .bind("notes", Sql.nullableText(notes == null ? null : Words.bounded(notes, 4096)))
                .bind("id", planId)
                .then()
                .then(client.sql(DROP_OLDER)
                        .bind("policy", policy)
                        .bind("id", planId)
                        .then())
                .then(find(planId));
    }

    /** The policy's newest complete plan; empty when it has none. */
    Mono<StoredPlan> latest(String policy) {
        return client.sql(LATEST).bind("policy", policy).map(PlanStore::plan).one();
    }

    Mono<StoredPlan> find(long planId) {
        return client.sql(BY_ID).bind("id", planId).map(PlanStore::plan).one();
    }

    /** The plan's candidates ({@code kept} false) or kept sample (true) after {@code after}, in plan order. */
    Flux<PlanItem> items(long planId, boolean kept, long after, int limit) {
        return client.sql(ITEMS)
                .bind("plan", planId)
                .bind("kept", kept)
                .bind("after", after)
                .bind("limit", limit)
                .map(PlanStore::item)
                .all();
    }

    /** The plan's candidates no run has deleted yet, after {@code after}. */
    Flux<PlanItem> pending(long planId, long after, int limit) {
        return client.sql(PENDING)
                .bind("plan", planId)
                .bind("after", after)
                .bind("limit", limit)
                .map(PlanStore::item)
                .all();
    }

    Mono<Void> markDeleted(long planId, long seq, Instant now) {
        return client.sql(MARK_DELETED)
                .bind("now", Sql.time(now))
                .bind("plan", planId)
                .bind("seq", seq)
                .then();
    }

    MetadataDatabase database() {
        return database;
    }

    private static StoredPlan plan(Readable row) {
        return new StoredPlan(
                Sql.number(row, "id"),
                Sql.text(row, "policy"),
                Sql.instant(row, "planned_at"),
                Sql.text(row, "hash"),
                Sql.number(row, "candidates"),
                Sql.number(row, "bytes"),
                Sql.number(row, "kept"),
                Sql.nullableText(row, "notes"));
    }

    private static PlanItem item(Readable row) {
        return new PlanItem(
                Sql.number(row, "seq"),
                Boolean.TRUE.equals(row.get("kept", Boolean.class)),
                Sql.text(row, "registry"),
                Sql.number(row, "package_id"),
                Sql.text(row, "package_name"),
                Sql.number(row, "version_id"),
                Sql.text(row, "version"),
                Sql.number(row, "size_bytes"),
                Sql.nullableText(row, "rule_name"),
                Sql.text(row, "why"),
                row.get("deleted_at") != null);
    }
}
