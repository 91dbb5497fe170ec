package dev.wharf.runtime.metadata;

import dev.wharf.runtime.storage.Digest;
import java.time.Instant;
import java.util.List;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Copies a version into another registry; runs inside the transaction {@link Versions#copy} opens. */
final class VersionCopy {

    private static final String SOURCE = "SELECT " + VersionRows.COLUMNS + ", p.name AS package_name,"
            + " r.name AS registry_name, r.format AS registry_format FROM version v JOIN package p ON p.id = v.package_id"
            + " JOIN registry r ON r.id = p.registry_id WHERE v.id = :id";
    private static final String BLOBS = "SELECT blob_digest, MAX(size_bytes) AS size_bytes FROM file"
            + " WHERE version_id IN (:ids) GROUP BY blob_digest ORDER BY blob_digest";
    private static final String VERSION_NAME = "SELECT version FROM version WHERE id = :id";
    private static final String VERSION_ID =
            "SELECT id FROM version WHERE package_id = :package AND version = :version";
    private static final String COPY_VERSION = "INSERT INTO version (package_id, version, base_version, digest,"
            + " artifact_type, subject_digest, created_at, pushed_by, published_at, size_bytes)"
            + " SELECT :package, version, base_version, digest, artifact_type, subject_digest, :now, :actor,"
            + " published_at, size_bytes FROM version WHERE id = :source";
    private static final String COPY_FILES = "INSERT INTO file (version_id, path, blob_digest, size_bytes,"
            + " content_type, created_at) SELECT :target, path, blob_digest, size_bytes, content_type, :now"
            + " FROM file WHERE version_id = :source";
    private static final String COPY_METADATA = "INSERT INTO version_metadata (version_id, entry_key, entry_value,"
            + " updated_at) SELECT :target, entry_key, entry_value, :now FROM version_metadata"
            + " WHERE version_id = :source";

    private final DatabaseClient client;
    private final AuditTrail audit;
    private final AllFormatRows formats;

    VersionCopy(DatabaseClient client, AuditTrail audit, AllFormatRows formats) {
        this.client = client;
        this.audit = audit;
        this.formats = formats;
    }

    /**
     * The copy, with the versions it needs that the target does not have yet ({@link FormatRows#copiedWith}); empty when
     * the source version does not exist.
     */
    Mono<VersionRecord> copy(long sourceVersionId, long targetRegistryId, String actor, Instant now) {
        return client.sql(SOURCE)
                .bind("id", sourceVersionId)
                .map(row -> new Source(
                        VersionRows.map(row),
                        Sql.text(row, "package_name"),
                        Sql.text(row, "registry_name"),
                        Sql.text(row, "registry_format")))
                .one()
                .flatMap(source -> formats.copyOrder(client, source.registryFormat(), sourceVersionId)
                        .flatMap(order -> claimBlobs(order, now)
                                .then(PackageRows.lockOrCreate(client, targetRegistryId, source.packageName(), now))
                                .flatMap(target -> refuseExisting(source, target)
                                        .then(copyNeeded(order.subList(0, order.size() - 1), target, actor, now))
                                        .then(copyOne(
                                                sourceVersionId,
                                                source.version().version(),
                                                target,
                                                actor,
                                                now))
                                        .flatMap(versionId -> VersionChanges.makeLatest(
                                                        client, target.id(), versionId, now)
                                                .then(audit.record(new AuditEvent(
                                                        0,
                                                        now,
                                                        actor,
                                                        "version.copy",
                                                        target.registryName(),
                                                        source.packageName(),
                                                        source.version().version(),
                                                        "from " + source.registryName())))
                                                .then(VersionRows.find(client, versionId))))));
    }

    /** In digest order, as {@link BlobClaims#claim} asks. */
    private Mono<Void> claimBlobs(List<Long> versionIds, Instant now) {
        return client.sql(BLOBS)
                .bind("ids", versionIds)
                .map(row -> new Blob(Digest.parse(Sql.text(row, "blob_digest")), Sql.number(row, "size_bytes")))
                .all()
                .concatMap(blob -> BlobClaims.claim(client, blob.digest(), blob.sizeBytes(), now))
                .then();
    }

    /** Copies those of the needed versions the target does not have, in order. */
    private Mono<Void> copyNeeded(List<Long> needed, LockedPackage target, String actor, Instant now) {
        return Flux.fromIterable(needed)
                .concatMap(id -> client.sql(VERSION_NAME)
                        .bind("id", id)
                        .map(row -> Sql.text(row, "version"))
                        .one()
                        .flatMap(version -> versionId(target.id(), version)
                                .hasElement()
                                .flatMap(present -> present ? Mono.empty() : copyOne(id, version, target, actor, now))))
                .then();
    }

    /** Copies one version with its files and metadata, and what its format keeps; the copy's id. */
    private Mono<Long> copyOne(long sourceId, String version, LockedPackage target, String actor, Instant now) {
        return client.sql(COPY_VERSION)
                .bind("package", target.id())
                .bind("now", Sql.time(now))
                .bind("actor", actor)
                .bind("source", sourceId)
                .then()
                .then(versionId(target.id(), version))
                .flatMap(copyId -> copyRows(COPY_FILES, sourceId, copyId, now)
                        .then(copyRows(COPY_METADATA, sourceId, copyId, now))
                        .then(formats.versionCopied(client, new CopiedVersion(sourceId, target, copyId), now))
                        .thenReturn(copyId));
    }

    private Mono<Void> refuseExisting(Source source, LockedPackage target) {
        return versionId(target.id(), source.version().version())
                .flatMap(existing -> Mono.<Void>error(new VersionExistsException(
                        target.registryName(),
                        source.packageName(),
                        source.version().version())));
    }

    private Mono<Long> versionId(long packageId, String version) {
        return client.sql(VERSION_ID)
                .bind("package", packageId)
                .bind("version", version)
                .map(row -> Sql.number(row, "id"))
                .one();
    }

    private Mono<Void> copyRows(String sql, long sourceVersionId, long targetVersionId, Instant now) {
        return client.sql(sql)
                .bind("target", targetVersionId)
                .bind("now", Sql.time(now))
                .bind("source", sourceVersionId)
                .then();
    }

    private record Source(VersionRecord version, String packageName, String registryName, String registryFormat) {}

    private record Blob(Digest digest, long sizeBytes) {}
}
