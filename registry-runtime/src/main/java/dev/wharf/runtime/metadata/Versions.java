package dev.wharf.runtime.metadata;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Versions of a package: listing, lookup, deletion and copying to another registry. */
public final class Versions {

    private static final String LIST = "SELECT " + VersionRows.COLUMNS
            + " FROM version v WHERE v.package_id = :package ORDER BY v.created_at DESC, v.id DESC";
    private static final String FIND =
            "SELECT " + VersionRows.COLUMNS + " FROM version v WHERE v.package_id = :package AND v.version = :version";
    private static final String VERSION_ID =
            "SELECT id FROM version WHERE package_id = :package AND version = :version";
    private static final String DELETE = "DELETE FROM version WHERE id = :id";
    private static final String PUBLISHED =
            "UPDATE version SET published_at = :publishedAt WHERE id = :id AND published_at IS NULL";
    private static final String FORMAT = "SELECT r.format FROM version v JOIN package p ON p.id = v.package_id"
            + " JOIN registry r ON r.id = p.registry_id WHERE v.id = :id";
    private static final String DELETE_PACKAGE_WHEN_EMPTY =
            "DELETE FROM package WHERE id = :package AND NOT EXISTS (SELECT 1 FROM version WHERE package_id = :package)";

    private final MetadataDatabase database;
    private final DatabaseClient client;
    private final AuditTrail audit;
    private final Clock clock;
    private final AllFormatRows formats;
    private final VersionCopy copy;

    public Versions(MetadataDatabase database, AuditTrail audit, Clock clock, AllFormatRows formats) {
        this.database = database;
        this.client = database.client();
        this.audit = audit;
        this.clock = clock;
        this.formats = formats;
        this.copy = new VersionCopy(client, audit, formats);
    }

    /** The package's versions, newest first (by creation time, then id). */
    public Flux<VersionRecord> list(long packageId) {
        return client.sql(LIST).bind("package", packageId).map(VersionRows::map).all();
    }

    /** The version; empty when the package has no version of that name. */
    public Mono<VersionRecord> find(long packageId, String version) {
        return client.sql(FIND)
                .bind("package", packageId)
                .bind("version", version)
                .map(VersionRows::map)
                .one();
    }

    /**
     * Records when the upstream a version came through published it (a file's {@code Last-Modified}, a document's
     * time), unless a publish time is already recorded: the first one known stays, as later copies of a file keep the
     * time of their first.
     *
     * @return whether it was recorded
     */
    public Mono<Boolean> recordPublished(long versionId, Instant publishedAt) {
        return client.sql(PUBLISHED)
                .bind("publishedAt", Sql.time(publishedAt))
                .bind("id", versionId)
                .fetch()
                .rowsUpdated()
                .map(rows -> rows > 0);
    }

    /**
     * Deletes the version with its files, tags and metadata, and everything its format kept for it, in one transaction
     * ({@link DeleteScope#EVERYTHING}); when it was the package's latest, the newest remaining version becomes latest;
     * the last version deleted deletes the package too. Records who did.
     *
     * @return whether it existed
     */
    public Mono<Boolean> delete(long packageId, String version, String actor) {
        return delete(packageId, version, actor, DeleteScope.EVERYTHING);
    }

    /** {@link #delete(long, String, String)}, releasing what {@code scope} says. */
    public Mono<Boolean> delete(long packageId, String version, String actor, DeleteScope scope) {
        return delete(packageId, version, actor, scope, null);
    }

    /**
     * {@link #delete(long, String, String, DeleteScope)}, with {@code detail} in the audit event: why it was deleted
     * (the cleanup policy and rule).
     */
    public Mono<Boolean> delete(
            long packageId, String version, String actor, DeleteScope scope, @Nullable String detail) {
        return Transactions.inTransaction(database, () -> {
                    Instant now = Sql.now(clock);
                    return PackageRows.lock(client, packageId)
                            .flatMap(locked -> client.sql(VERSION_ID)
                                    .bind("package", packageId)
                                    .bind("version", version)
                                    .map(row -> Sql.number(row, "id"))
                                    .one()
                                    .flatMap(versionId -> (scope == DeleteScope.EVERYTHING
                                                    ? formats.versionDeleting(client, locked, versionId, now)
                                                            .then(formats.packageDeletingWhenLast(
                                                                    client, locked, versionId, now))
                                                    : Mono.<Void>empty())
                                            .then(client.sql(DELETE)
                                                    .bind("id", versionId)
                                                    .then())
                                            .then(VersionChanges.afterDelete(
                                                    client,
                                                    packageId,
                                                    Objects.equals(locked.latestVersionId(), versionId),
                                                    now))
                                            .then(client.sql(DELETE_PACKAGE_WHEN_EMPTY)
                                                    .bind("package", packageId)
                                                    .then())
                                            .then(audit.record(new AuditEvent(
                                                    0,
                                                    now,
                                                    actor,
                                                    "version.delete",
                                                    locked.registryName(),
                                                    locked.name(),
                                                    version,
                                                    detail)))
                                            .thenReturn(true)))
                            .defaultIfEmpty(false);
                })
                .doOnNext(database.changes()::deleted);
    }

    /**
     * The versions of its package that a copy of the version takes along when the target lacks them (the manifests
     * an OCI index lists, all the way down), each before those that need it; none for most formats.
     */
    public Flux<Long> copiedWith(long versionId) {
        return client.sql(FORMAT)
                .bind("id", versionId)
                .map(row -> Sql.text(row, "format"))
                .one()
                .flatMap(format -> formats.copyOrder(client, format, versionId))
                .flatMapMany(order -> Flux.fromIterable(order.subList(0, order.size() - 1)));
    }

    /**
     * Copies a version (its files, pointing at the same blobs, and its metadata) into a package of the same name in
     * another registry, in one transaction, which becomes that package's latest, with the versions it needs that the
     * target lacks ({@link #copiedWith}). The caller has made sure the target registry's store holds the blobs.
     *
     * @return the new version; or a {@link VersionExistsException} when the target already has it; empty when the
     *     source version does not exist
     */
    public Mono<VersionRecord> copy(long sourceVersionId, long targetRegistryId, String actor) {
        return Transactions.inTransaction(
                database, () -> copy.copy(sourceVersionId, targetRegistryId, actor, Sql.now(clock)));
    }
}
