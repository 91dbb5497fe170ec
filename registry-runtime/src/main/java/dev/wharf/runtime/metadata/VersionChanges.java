package dev.wharf.runtime.metadata;

import java.time.Instant;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/** The writes that keep a version's and its package's figures right, in a transaction holding the package lock. */
public final class VersionChanges {

    private static final String INSERT_VERSION = "INSERT INTO version (package_id, version, created_at, pushed_by,"
            + " upstream) VALUES (:package, :version, :now, :pushedBy, :upstream) ON CONFLICT DO NOTHING";
    private static final String VERSION_ID =
            "SELECT id FROM version WHERE package_id = :package AND version = :version";
    private static final String RESIZE = "UPDATE version SET size_bytes ="
            + " (SELECT COALESCE(SUM(f.size_bytes), 0) FROM file f WHERE f.version_id = :version) WHERE id = :version";
    private static final String MAKE_LATEST =
            "UPDATE package SET latest_version_id = :version, updated_at = :now WHERE id = :package";
    private static final String LATEST_REMAINING = "UPDATE package SET updated_at = :now, latest_version_id ="
            + " (SELECT v.id FROM version v WHERE v.package_id = :package ORDER BY v.created_at DESC, v.id DESC"
            + " LIMIT 1) WHERE id = :package";
    private static final String TOUCH = "UPDATE package SET updated_at = :now WHERE id = :package";

    private VersionChanges() {}

    /** The id of the file's version, inserted when new: pushed by the pusher, or through the upstream. */
    public static Mono<Long> versionId(DatabaseClient client, long packageId, NewFile file, Instant now) {
        String upstream = file.upstream();
        return client.sql(INSERT_VERSION)
                .bind("package", packageId)
                .bind("version", file.version())
                .bind("now", Sql.time(now))
                .bind("pushedBy", Sql.nullableText(upstream == null ? file.pushedBy() : null))
                .bind("upstream", Sql.nullableText(upstream))
                .then()
                .then(client.sql(VERSION_ID)
                        .bind("package", packageId)
                        .bind("version", file.version())
                        .map(row -> Sql.number(row, "id"))
                        .one());
    }

    /** After a file was added or replaced: the version's size summed again, and it becomes the package's latest. */
    public static Mono<Void> afterFileChange(DatabaseClient client, long packageId, long versionId, Instant now) {
        return client.sql(RESIZE).bind("version", versionId).then().then(makeLatest(client, packageId, versionId, now));
    }

    /** After a file was deleted: the version's size summed again and the package's update time set. */
    public static Mono<Void> afterFileDelete(DatabaseClient client, long packageId, long versionId, Instant now) {
        return client.sql(RESIZE)
                .bind("version", versionId)
                .then()
                .then(client.sql(TOUCH)
                        .bind("now", Sql.time(now))
                        .bind("package", packageId)
                        .then());
    }

    public static Mono<Void> makeLatest(DatabaseClient client, long packageId, long versionId, Instant now) {
        return client.sql(MAKE_LATEST)
                .bind("version", versionId)
                .bind("now", Sql.time(now))
                .bind("package", packageId)
                .then();
    }

    /** After a version was deleted: the newest remaining one becomes latest when the deleted one was. */
    public static Mono<Void> afterDelete(DatabaseClient client, long packageId, boolean wasLatest, Instant now) {
        return client.sql(wasLatest ? LATEST_REMAINING : TOUCH)
                .bind("now", Sql.time(now))
                .bind("package", packageId)
                .then();
    }
}
