package dev.wharf.runtime.metadata;

import java.time.Clock;
import java.time.Instant;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Names pointing at versions of a package: OCI tags and npm dist-tags. */
public final class Tags {

    private static final String VERSION_OF_PACKAGE =
            "SELECT id FROM version WHERE id = :version AND package_id = :package";
    private static final String UPDATE =
            "UPDATE tag SET version_id = :version, updated_at = :now WHERE package_id = :package AND name = :name";
    private static final String INSERT = "INSERT INTO tag (package_id, name, version_id, updated_at)"
            + " VALUES (:package, :name, :version, :now) ON CONFLICT DO NOTHING";
    private static final String RESOLVE = "SELECT " + VersionRows.COLUMNS
            + " FROM tag t JOIN version v ON v.id = t.version_id WHERE t.package_id = :package AND t.name = :name";
    private static final String LIST = "SELECT t.name, v.version, v.digest, t.updated_at"
            + " FROM tag t JOIN version v ON v.id = t.version_id WHERE t.package_id = :package ORDER BY t.name";
    private static final String DELETE = "DELETE FROM tag WHERE package_id = :package AND name = :name";

    private final DatabaseClient client;
    private final Clock clock;

    public Tags(MetadataDatabase database, Clock clock) {
        this.client = database.client();
        this.clock = clock;
    }

    /**
     * Points the tag at the version, creating it when new; safe to call concurrently.
     *
     * @return done; or an {@link IllegalArgumentException} when the version is not one of the package's
     */
    public Mono<Void> set(long packageId, String tag, long versionId) {
        return Transactions.retryingRaces(Mono.defer(() -> {
            Instant now = Sql.now(clock);
            return client.sql(VERSION_OF_PACKAGE)
                    .bind("version", versionId)
                    .bind("package", packageId)
                    .map(row -> Sql.number(row, "id"))
                    .one()
                    .switchIfEmpty(Mono.error(() -> new IllegalArgumentException("cannot point the tag " + tag
                            + " at version id " + versionId + ": it is not a version of package id " + packageId)))
                    .then(write(UPDATE, packageId, tag, versionId, now))
                    .flatMap(updated -> updated ? Mono.just(true) : write(INSERT, packageId, tag, versionId, now))
                    // Neither: a concurrent call inserted it between the two statements; it must now be updated.
                    .flatMap(written -> written ? Mono.just(true) : write(UPDATE, packageId, tag, versionId, now))
                    .then();
        }));
    }

    /** The version the tag points at; empty when the package has no such tag. */
    public Mono<VersionRecord> resolve(long packageId, String tag) {
        return client.sql(RESOLVE)
                .bind("package", packageId)
                .bind("name", tag)
                .map(VersionRows::map)
                .one();
    }

    /** The package's tags, by name. */
    public Flux<TagRecord> list(long packageId) {
        return client.sql(LIST)
                .bind("package", packageId)
                .map(row -> new TagRecord(
                        Sql.text(row, "name"),
                        Sql.text(row, "version"),
                        Sql.nullableText(row, "digest"),
                        Sql.instant(row, "updated_at")))
                .all();
    }

    /**
     * Deletes the tag; the version stays.
     *
     * @return whether the package had the tag
     */
    public Mono<Boolean> delete(long packageId, String tag) {
        return client.sql(DELETE)
                .bind("package", packageId)
                .bind("name", tag)
                .fetch()
                .rowsUpdated()
                .map(rows -> rows > 0);
    }

    private Mono<Boolean> write(String sql, long packageId, String tag, long versionId, Instant now) {
        return client.sql(sql)
                .bind("package", packageId)
                .bind("name", tag)
                .bind("version", versionId)
                .bind("now", Sql.time(now))
                .fetch()
                .rowsUpdated()
                .map(rows -> rows > 0);
    }
}
