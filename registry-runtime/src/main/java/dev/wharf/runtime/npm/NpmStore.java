package dev.wharf.runtime.npm;

import dev.wharf.runtime.metadata.AuditEvent;
import dev.wharf.runtime.metadata.AuditTrail;
import dev.wharf.runtime.metadata.BlobClaims;
import dev.wharf.runtime.metadata.LockedPackage;
import dev.wharf.runtime.metadata.MetadataDatabase;
import dev.wharf.runtime.metadata.PackageRows;
import dev.wharf.runtime.metadata.Sql;
import dev.wharf.runtime.metadata.Transactions;
import dev.wharf.runtime.metadata.VersionChanges;
import dev.wharf.runtime.web.RequestRefusedException;
import io.r2dbc.spi.Readable;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The npm format's rows: publishing a version (core version, file and tags with the version document, in one
 * transaction holding the package's lock), the versions ever published, deprecations and dist-tags.
 */
final class NpmStore {

    private static final String PUBLISHED = "SELECT 1 AS found FROM npm_published"
            + " WHERE registry_id = :registry AND package_name = :name AND version = :version";
    private static final String INSERT_PUBLISHED = "INSERT INTO npm_published (registry_id, package_name, version,"
            + " published_at) VALUES (:registry, :name, :version, :now)";
    private static final String EXISTING_VERSION =
            "SELECT id FROM version WHERE package_id = :package AND version = :version";
    private static final String INSERT_VERSION = "INSERT INTO version (package_id, version, created_at, pushed_by,"
            + " published_at) VALUES (:package, :version, :now, :pushedBy, :now)";
    private static final String INSERT_FILE = "INSERT INTO file (version_id, path, blob_digest, size_bytes,"
            + " content_type, created_at) VALUES (:version, :path, :digest, :size, :contentType, :now)";
    private static final String INSERT_NPM_VERSION = "INSERT INTO npm_version (version_id, manifest, integrity,"
            + " shasum, deprecated, published_at) VALUES (:version, :manifest, :integrity, :shasum, :deprecated, :now)";
    private static final String UPDATE_PACKAGE =
            "UPDATE npm_package SET modified_at = :now, readme = COALESCE(:readme, readme) WHERE package_id = :package";
    private static final String INSERT_PACKAGE =
            "INSERT INTO npm_package (package_id, readme, modified_at) VALUES (:package, :readme, :now)";
    private static final String TOUCH_PACKAGE = "UPDATE npm_package SET modified_at = :now WHERE package_id = :package";
    private static final String VERSIONS = "SELECT v.id, v.version, n.manifest, n.integrity, n.shasum, n.deprecated,"
            + " n.published_at FROM version v JOIN npm_version n ON n.version_id = v.id"
            + " WHERE v.package_id = :package AND v.upstream IS NULL ORDER BY v.created_at, v.id";
    private static final String PACKAGE = "SELECT readme, modified_at FROM npm_package WHERE package_id = :package";
    private static final String DEPRECATE =
            "UPDATE npm_version SET deprecated = :deprecated WHERE version_id = :version";
    private static final String TAG_UPDATE =
            "UPDATE tag SET version_id = :version, updated_at = :now" + " WHERE package_id = :package AND name = :name";
    private static final String TAG_INSERT =
            "INSERT INTO tag (package_id, name, version_id, updated_at)" + " VALUES (:package, :name, :version, :now)";
    private static final String TAG_EXISTS = "SELECT 1 AS found FROM tag WHERE package_id = :package AND name = :name";

    /** The dist-tag every package has once it has a version. */
    static final String LATEST = "latest";

    private final MetadataDatabase database;
    private final DatabaseClient client;
    private final AuditTrail audit;
    private final Clock clock;

    NpmStore(MetadataDatabase database, AuditTrail audit, Clock clock) {
        this.database = database;
        this.client = database.client();
        this.audit = audit;
        this.clock = clock;
    }

    /** Whether the version was ever published to the registry, even if it was unpublished since. */
    Mono<Boolean> wasPublished(long registryId, String name, String version) {
        return client.sql(PUBLISHED)
                .bind("registry", registryId)
                .bind("name", name)
                .bind("version", version)
                .map(row -> true)
                .first()
                .defaultIfEmpty(false);
    }

    /**
     * Records a published version whose tarball is stored: claims the blob, creates the package when new, the version
     * with its tarball and document, points the dist-tags at it ({@code latest} too when the package has none yet),
     * and records the publish; all in one transaction holding the package's lock.
     *
     * @return done; or a 403 when the version was published before (npm's rule: never again, even after unpublish)
     */
    Mono<Void> publish(NewNpmVersion published) {
        return Transactions.inTransaction(database, () -> {
            Instant now = Sql.now(clock);
            return BlobClaims.claim(client, published.tarball(), published.sizeBytes(), now)
                    .then(PackageRows.lockOrCreate(client, published.registryId(), published.packageName(), now))
                    .flatMap(locked -> refuseRepublish(published)
                            .then(client.sql(EXISTING_VERSION)
                                    .bind("package", locked.id())
                                    .bind("version", published.version())
                                    .map(row -> Sql.number(row, "id"))
                                    .first()
                                    .flatMap(existing -> Mono.<Long>error(republished(published)))
                                    .switchIfEmpty(Mono.defer(() -> insertVersion(locked, published, now))))
                            .flatMap(versionId -> rows(locked, versionId, published, now)));
        });
    }

    private Mono<Void> refuseRepublish(NewNpmVersion published) {
        return wasPublished(published.registryId(), published.packageName(), published.version())
                .flatMap(was -> was ? Mono.error(republished(published)) : Mono.empty());
    }

    /** npm's own refusal of a republish, with its wording. */
    static RequestRefusedException republished(NewNpmVersion published) {
        return republished(published.packageName(), published.version());
    }

    static RequestRefusedException republished(String name, String version) {
        return new RequestRefusedException(
                HttpStatus.FORBIDDEN,
                "Version published before",
                "You cannot publish over the previously published versions: " + version + " (" + name + "@" + version
                        + " was published to this registry before; a version once published can never be"
                        + " published again, even after an unpublish: publish a new version)");
    }

    private Mono<Long> insertVersion(LockedPackage locked, NewNpmVersion published, Instant now) {
        return client.sql(INSERT_VERSION)
                .bind("package", locked.id())
                .bind("version", published.version())
                .bind("now", Sql.time(now))
                .bind("pushedBy", published.publishedBy())
                .then()
                .then(client.sql(EXISTING_VERSION)
                        .bind("package", locked.id())
                        .bind("version", published.version())
                        .map(row -> Sql.number(row, "id"))
                        .one());
    }

    private Mono<Void> rows(LockedPackage locked, long versionId, NewNpmVersion published, Instant now) {
        Map<String, String> tags = new java.util.LinkedHashMap<>(published.distTags());
        return client.sql(INSERT_FILE)
                .bind("version", versionId)
                .bind("path", NpmName.tarball(published.packageName(), published.version()))
                .bind("digest", published.tarball().toString())
                .bind("size", published.sizeBytes())
                .bind("contentType", NpmContent.TARBALL)
                .bind("now", Sql.time(now))
                .then()
                .then(VersionChanges.afterFileChange(client, locked.id(), versionId, now))
                .then(client.sql(INSERT_NPM_VERSION)
                        .bind("version", versionId)
                        .bind("manifest", ByteBuffer.wrap(published.manifest()))
                        .bind("integrity", published.integrity())
                        .bind("shasum", published.shasum())
                        .bind("deprecated", Sql.nullableText(published.deprecated()))
                        .bind("now", Sql.time(now))
                        .then())
                .then(client.sql(INSERT_PUBLISHED)
                        .bind("registry", published.registryId())
                        .bind("name", published.packageName())
                        .bind("version", published.version())
                        .bind("now", Sql.time(now))
                        .then())
                .then(packageRow(locked.id(), published.readme(), now))
                .then(tagExists(locked.id(), LATEST))
                .flatMap(hasLatest -> {
                    if (!hasLatest || tags.isEmpty()) {
                        tags.putIfAbsent(LATEST, published.version());
                    }
                    return Flux.fromIterable(tags.keySet())
                            .concatMap(tag -> tag(locked.id(), tag, versionId, now))
                            .then();
                })
                .then(audit.record(new AuditEvent(
                        0,
                        now,
                        published.publishedBy(),
                        "version.push",
                        locked.registryName(),
                        locked.name(),
                        published.version(),
                        NpmName.tarball(published.packageName(), published.version()) + " " + published.tarball()
                                + " dist-tags " + String.join(",", tags.keySet()))));
    }

    private Mono<Void> packageRow(long packageId, @Nullable String readme, Instant now) {
        return client.sql(UPDATE_PACKAGE)
                .bind("now", Sql.time(now))
                .bind("readme", readme == null ? io.r2dbc.spi.Parameters.in(ByteBuffer.class) : readmeBytes(readme))
                .bind("package", packageId)
                .fetch()
                .rowsUpdated()
                .flatMap(updated -> updated > 0
                        ? Mono.<Void>empty()
                        : client.sql(INSERT_PACKAGE)
                                .bind("package", packageId)
                                .bind(
                                        "readme",
                                        readme == null
                                                ? io.r2dbc.spi.Parameters.in(ByteBuffer.class)
                                                : readmeBytes(readme))
                                .bind("now", Sql.time(now))
                                .then());
    }

    private static io.r2dbc.spi.Parameter readmeBytes(String readme) {
        return io.r2dbc.spi.Parameters.in(ByteBuffer.wrap(readme.getBytes(StandardCharsets.UTF_8)));
    }

    /** Marks the package changed now (a dist-tag moved, a version deprecated or unpublished). */
    Mono<Void> touch(long packageId) {
        return client.sql(TOUCH_PACKAGE)
                .bind("now", Sql.time(Sql.now(clock)))
                .bind("package", packageId)
                .then();
    }

    private Mono<Boolean> tagExists(long packageId, String tag) {
        return client.sql(TAG_EXISTS)
                .bind("package", packageId)
                .bind("name", tag)
                .map(row -> true)
                .first()
                .defaultIfEmpty(false);
    }

    /** Points the tag at the version, in the caller's transaction holding the package's lock. */
    Mono<Void> tag(long packageId, String tag, long versionId, Instant now) {
        return client.sql(TAG_UPDATE)
                .bind("version", versionId)
                .bind("now", Sql.time(now))
                .bind("package", packageId)
                .bind("name", tag)
                .fetch()
                .rowsUpdated()
                .flatMap(updated -> updated > 0
                        ? Mono.<Void>empty()
                        : client.sql(TAG_INSERT)
                                .bind("package", packageId)
                                .bind("name", tag)
                                .bind("version", versionId)
                                .bind("now", Sql.time(now))
                                .then());
    }

    /** The package's hosted npm versions, oldest first. */
    Flux<NpmVersionRow> versions(long packageId) {
        return client.sql(VERSIONS)
                .bind("package", packageId)
                .map(NpmStore::versionRow)
                .all();
    }

    /** The package's readme and when it last changed; empty when it has no npm row. */
    Mono<PackageRow> packageRow(long packageId) {
        return client.sql(PACKAGE)
                .bind("package", packageId)
                .map(row -> new PackageRow(
                        Optional.ofNullable(row.get("readme"))
                                .map(value -> new String(bytes(value), StandardCharsets.UTF_8))
                                .orElse(null),
                        Sql.instant(row, "modified_at")))
                .first();
    }

    /**
     * Sets or clears the deprecation messages of versions of the package (a null message undeprecates), records who
     * did, and marks the package changed.
     */
    Mono<Void> deprecate(
            long packageId, String registry, String name, Map<NpmVersionRow, Optional<String>> changes, String actor) {
        return Transactions.inTransaction(database, () -> {
            Instant now = Sql.now(clock);
            return PackageRows.lock(client, packageId)
                    .flatMap(locked -> Flux.fromIterable(changes.entrySet())
                            .concatMap(change -> client.sql(DEPRECATE)
                                    .bind(
                                            "deprecated",
                                            Sql.nullableText(change.getValue().orElse(null)))
                                    .bind("version", change.getKey().versionId())
                                    .then()
                                    .then(audit.record(new AuditEvent(
                                            0,
                                            now,
                                            actor,
                                            change.getValue().isPresent() ? "version.deprecate" : "version.undeprecate",
                                            registry,
                                            name,
                                            change.getKey().version(),
                                            change.getValue().orElse(null)))))
                            .then(touch(packageId)));
        });
    }

    /** Runs {@code work} in a transaction holding the package's lock, then marks the package changed. */
    <T> Mono<T> locked(long packageId, java.util.function.Function<LockedPackage, Mono<T>> work) {
        return Transactions.inTransaction(
                database,
                () -> PackageRows.lock(client, packageId)
                        .flatMap(locked -> work.apply(locked)
                                .flatMap(result -> touch(packageId).thenReturn(result))));
    }

    /** The audit trail. */
    AuditTrail audit() {
        return audit;
    }

    /** Now, as the database keeps it. */
    Instant now() {
        return Sql.now(clock);
    }

    private static NpmVersionRow versionRow(Readable row) {
        return new NpmVersionRow(
                Sql.number(row, "id"),
                Sql.text(row, "version"),
                bytes(row.get("manifest")),
                Sql.text(row, "integrity"),
                Sql.text(row, "shasum"),
                Sql.nullableText(row, "deprecated"),
                Sql.instant(row, "published_at"));
    }

    static byte[] bytes(@Nullable Object value) {
        if (value instanceof ByteBuffer buffer) {
            ByteBuffer copy = buffer.duplicate();
            byte[] bytes = new byte[copy.remaining()];
            copy.get(bytes);
            return bytes;
        }
        if (value instanceof byte[] bytes) {
            return bytes;
        }
        throw new IllegalStateException("a bytes column holds "
                + (value == null ? "null" : "a " + value.getClass().getName()));
    }

    /**
     * A package's npm row.
     *
     * @param readme its readme; null when none was published
     * @param modifiedAt when it last changed
     */
    record PackageRow(@Nullable String readme, Instant modifiedAt) {}
}
