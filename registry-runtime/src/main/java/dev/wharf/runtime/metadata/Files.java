package dev.wharf.runtime.metadata;

import dev.wharf.runtime.storage.Digest;
import java.time.Clock;
import java.time.Instant;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Files of versions: recording an upload, listing and lookup. */
public final class Files {

    private static final String LIST =
            "SELECT " + FileRows.COLUMNS + " FROM file f WHERE f.version_id = :version ORDER BY f.path";
    private static final String FIND =
            "SELECT " + FileRows.COLUMNS + " FROM file f WHERE f.version_id = :version AND f.path = :path";
    private static final String INSERT = "INSERT INTO file"
            + " (version_id, path, blob_digest, size_bytes, content_type, created_at)"
            + " VALUES (:version, :path, :digest, :size, :contentType, :now)";
    private static final String PACKAGE_OF_VERSION = "SELECT package_id FROM version WHERE id = :version";
    private static final String DELETE = "DELETE FROM file WHERE id = :id";
    private static final String REPLACE = "UPDATE file SET blob_digest = :digest, size_bytes = :size,"
            + " content_type = :contentType, created_at = :now WHERE id = :id";
    private static final String PUBLISHED =
            "UPDATE version SET published_at = :published WHERE id = :version AND published_at IS NULL";

    private final MetadataDatabase database;
    private final DatabaseClient client;
    private final AuditTrail audit;
    private final Clock clock;

    public Files(MetadataDatabase database, AuditTrail audit, Clock clock) {
        this.database = database;
        this.client = database.client();
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Records a file whose blob is stored, in one transaction: claims the blob ({@code blob_ref}), creates the package
     * and version when they are new, inserts or replaces the file, updates the version's size and the package's
     * latest version and update time, and records an audit event. Concurrent calls for the same package and version
     * are safe.
     *
     * @return what happened; or a {@link FileConflictException} when the path holds other content and
     *     {@code overwrite} is {@code REFUSE}; or a {@link BlobMarkedForDeletionException} when garbage collection is
     *     deleting the blob
     */
    public Mono<StoredFile> record(NewFile file) {
        return Transactions.inTransaction(database, () -> {
                    Instant now = Sql.now(clock);
                    return BlobClaims.claim(client, file.digest(), file.sizeBytes(), now)
                            .then(PackageRows.lockOrCreate(client, file.registryId(), file.packageName(), now))
                            .flatMap(locked -> VersionChanges.versionId(client, locked.id(), file, now)
                                    .flatMap(versionId -> store(file, versionId, now)
                                            .flatMap(stored -> afterStore(file, locked, versionId, stored, now))));
                })
                .doOnNext(stored -> {
                    if (stored.outcome() == StoredFile.Outcome.REPLACED) {
                        database.changes().committed();
                    }
                });
    }

    /**
     * Keeps when the upstream a version came through says it was published ({@code version.published_at}, what a
     * minimum-age rule reads), unless a time is kept already: the first upstream's word stands.
     */
    public Mono<Void> upstreamPublished(long versionId, Instant publishedAt) {
        return client.sql(PUBLISHED)
                .bind("published", Sql.time(publishedAt))
                .bind("version", versionId)
                .then();
    }

    /** The version's files, by path. */
    public Flux<FileRecord> list(long versionId) {
        return client.sql(LIST).bind("version", versionId).map(FileRows::map).all();
    }

    /** The file; empty when the version has no file at that path. */
    public Mono<FileRecord> find(long versionId, String path) {
        return client.sql(FIND)
                .bind("version", versionId)
                .bind("path", path)
                .map(FileRows::map)
                .one();
    }

    /**
     * Deletes the file in one transaction, sums its version's size again and records who did; the version stays, even
     * without files. The blob stays in storage until garbage collection finds it unreferenced.
     *
     * @return whether it existed
     */
    public Mono<Boolean> delete(long versionId, String path, String actor) {
        return Transactions.inTransaction(database, () -> {
                    Instant now = Sql.now(clock);
                    return client.sql(PACKAGE_OF_VERSION)
                            .bind("version", versionId)
                            .map(row -> Sql.number(row, "package_id"))
                            .one()
                            .flatMap(packageId -> PackageRows.lock(client, packageId))
                            .flatMap(locked -> find(versionId, path)
                                    .flatMap(file -> client.sql(DELETE)
                                            .bind("id", file.id())
                                            .then()
                                            .then(VersionChanges.afterFileDelete(client, locked.id(), versionId, now))
                                            .then(versionName(versionId))
                                            .flatMap(version -> audit.record(new AuditEvent(
                                                    0,
                                                    now,
                                                    actor,
                                                    "file.delete",
                                                    locked.registryName(),
                                                    locked.name(),
                                                    version,
                                                    file.path() + " " + file.digest())))
                                            .thenReturn(true)))
                            .defaultIfEmpty(false);
                })
                .doOnNext(database.changes()::deleted);
    }

    private Mono<String> versionName(long versionId) {
        return VersionRows.find(client, versionId).map(VersionRecord::version);
    }

    private Mono<StoredFile> store(NewFile file, long versionId, Instant now) {
        return find(versionId, file.path())
                .flatMap(existing -> {
                    if (existing.digest().equals(file.digest())) {
                        return Mono.just(new StoredFile(existing, StoredFile.Outcome.UNCHANGED));
                    }
                    if (file.overwrite() == NewFile.Overwrite.REFUSE) {
                        return Mono.error(new FileConflictException(
                                file.packageName(), file.version(), file.path(), existing.digest()));
                    }
                    return write(REPLACE, file, file.digest(), now)
                            .bind("id", existing.id())
                            .then()
                            .then(stored(versionId, file.path(), StoredFile.Outcome.REPLACED));
                })
                .switchIfEmpty(Mono.defer(() -> write(INSERT, file, file.digest(), now)
                        .bind("version", versionId)
                        .bind("path", file.path())
                        .then()
                        .then(stored(versionId, file.path(), StoredFile.Outcome.CREATED))));
    }

    /** A file added or replaced changes its version and package; an unchanged one changes nothing. */
    private Mono<StoredFile> afterStore(
            NewFile file, LockedPackage locked, long versionId, StoredFile stored, Instant now) {
        if (stored.outcome() == StoredFile.Outcome.UNCHANGED) {
            return Mono.just(stored);
        }
        return VersionChanges.afterFileChange(client, locked.id(), versionId, now)
                .then(audit.record(pushEvent(file, locked, now)))
                .thenReturn(stored);
    }

    private DatabaseClient.GenericExecuteSpec write(String sql, NewFile file, Digest digest, Instant now) {
        return client.sql(sql)
                .bind("digest", digest.toString())
                .bind("size", file.sizeBytes())
                .bind("contentType", file.contentType())
                .bind("now", Sql.time(now));
    }

    private Mono<StoredFile> stored(long versionId, String path, StoredFile.Outcome outcome) {
        return find(versionId, path).map(stored -> new StoredFile(stored, outcome));
    }

    private static AuditEvent pushEvent(NewFile file, LockedPackage locked, Instant now) {
        return new AuditEvent(
                0,
                now,
                file.pushedBy(),
                "version.push",
                locked.registryName(),
                locked.name(),
                file.version(),
                file.path() + " " + file.digest());
    }
}
