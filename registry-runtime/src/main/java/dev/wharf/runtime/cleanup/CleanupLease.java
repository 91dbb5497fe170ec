package dev.wharf.runtime.cleanup;

import dev.wharf.runtime.metadata.MetadataDatabase;
import dev.wharf.runtime.metadata.Sql;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/**
 * The lease in the metadata database that lets one runtime replica at a time plan or run a policy: taken when free or
 * expired, renewed while the work goes on, given back at its end. A replica that dies holding it blocks the policy for
 * one lease time at most. A scheduled run takes it only for a slot later than the last one run, so that replicas whose
 * schedules fire a few seconds apart run a slot once.
 */
final class CleanupLease {

    private static final String ENSURE = "INSERT INTO cleanup_lease (policy, holder, expires_at) VALUES (:policy, '',"
            + " :epoch) ON CONFLICT DO NOTHING";
    private static final String TAKE = "UPDATE cleanup_lease SET holder = :holder, expires_at = :expires"
            + " WHERE policy = :policy AND (expires_at < :now OR holder = :holder)";
    private static final String TAKE_SLOT = "UPDATE cleanup_lease SET holder = :holder, expires_at = :expires,"
            + " last_slot = :slot WHERE policy = :policy AND (expires_at < :now OR holder = :holder)"
            + " AND (last_slot IS NULL OR last_slot < :slot)";
    private static final String RENEW =
            "UPDATE cleanup_lease SET expires_at = :expires WHERE policy = :policy" + " AND holder = :holder";
    private static final String RELEASE =
            "UPDATE cleanup_lease SET expires_at = :epoch WHERE policy = :policy" + " AND holder = :holder";

    private static final Instant EPOCH = Instant.EPOCH;

    private final DatabaseClient client;
    private final String holder;
    private final Duration duration;

    /**
     * @param holder this replica's name in the lease, unique among the replicas
     * @param duration how long a lease holds without renewal
     */
    CleanupLease(MetadataDatabase database, String holder, Duration duration) {
        this.client = database.client();
        this.holder = holder;
        this.duration = duration;
    }

    String holder() {
        return holder;
    }

    Duration duration() {
        return duration;
    }

    /**
     * Takes the policy's lease; whether it was free.
     *
     * @param slot the scheduled time of a scheduled run, which must be later than the last one run; null for a run
     *     asked for now
     */
    Mono<Boolean> take(String policy, Instant now, @Nullable Instant slot) {
        DatabaseClient.GenericExecuteSpec take = (slot == null
                        ? client.sql(TAKE)
                        : client.sql(TAKE_SLOT).bind("slot", Sql.time(slot)))
                .bind("holder", holder)
                .bind("expires", Sql.time(now.plus(duration)))
                .bind("policy", policy)
                .bind("now", Sql.time(now));
        return client.sql(ENSURE)
                .bind("policy", policy)
                .bind("epoch", Sql.time(EPOCH))
                .then()
                .then(take.fetch().rowsUpdated())
                .map(rows -> rows > 0);
    }

    /** Extends the lease this replica holds; whether it still held it. */
    Mono<Boolean> renew(String policy, Instant now) {
        return client.sql(RENEW)
                .bind("expires", Sql.time(now.plus(duration)))
                .bind("policy", policy)
                .bind("holder", holder)
                .fetch()
                .rowsUpdated()
                .map(rows -> rows > 0);
    }

    Mono<Void> release(String policy) {
        return client.sql(RELEASE)
                .bind("epoch", Sql.time(EPOCH))
                .bind("policy", policy)
                .bind("holder", holder)
                .then();
    }
}
