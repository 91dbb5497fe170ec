package dev.wharf.runtime.oci;

import dev.wharf.api.v1alpha1.common.Format;
import dev.wharf.runtime.metadata.CopiedVersion;
import dev.wharf.runtime.metadata.FormatRowPurge;
import dev.wharf.runtime.metadata.FormatRows;
import dev.wharf.runtime.metadata.LockedPackage;
import dev.wharf.runtime.metadata.Sql;
import java.time.Instant;
import java.util.List;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What the OCI tables do when the core copies, deletes or purges: a repository serves a blob only while it links it
 * ({@code oci_blob_link}), so a copied manifest links its blobs in the target repository (and an index is copied with
 * the manifests it lists); a manifest deleted through the management API unlinks the blobs no other manifest of its
 * repository references, and a deleted repository unlinks every blob and drops its uploads in progress. (A manifest
 * deleted through {@code /v2} leaves its blobs linked, as the Docker registry does: {@code DeleteScope.CORE_ROWS}.)
 * Unlinked blobs are left to garbage collection, which sees them referenced no more.
 */
public final class OciRows implements FormatRows {

    private static final String LINK_COPIED = "INSERT INTO oci_blob_link (registry_id, repository, digest, size_bytes,"
            + " created_at) SELECT :registry, :repository, f.blob_digest, MAX(f.size_bytes), :now FROM file f"
            + " WHERE f.version_id = :version GROUP BY f.blob_digest ON CONFLICT DO NOTHING";
    private static final String LISTED_MANIFESTS = "SELECT v.id FROM file f JOIN version s ON s.id = f.version_id"
            + " JOIN version v ON v.package_id = s.package_id AND v.digest = f.blob_digest"
            + " WHERE f.version_id = :version AND f.path LIKE 'manifests/%' ORDER BY v.id";
    private static final String UNLINK_DELETED = "DELETE FROM oci_blob_link"
            + " WHERE registry_id = :registry AND repository = :repository"
            + " AND digest IN (SELECT f.blob_digest FROM file f WHERE f.version_id = :version)"
            + " AND digest NOT IN (SELECT f.blob_digest FROM file f JOIN version v ON v.id = f.version_id"
            + " WHERE v.package_id = :package AND v.id <> :version)";
    private static final String UNLINK_REPOSITORY =
            "DELETE FROM oci_blob_link WHERE registry_id = :registry AND repository = :repository";
    private static final String DROP_UPLOADS =
            "DELETE FROM oci_upload WHERE registry_id = :registry AND repository = :repository";

    private static final String UPLOADS =
            "SELECT id FROM oci_upload WHERE registry_id = :registry ORDER BY id LIMIT :limit";
    private static final String UPLOAD_CHUNKS = "SELECT digest FROM oci_upload_chunk WHERE upload_id IN (:ids)";
    private static final String DELETE_UPLOADS = "DELETE FROM oci_upload WHERE id IN (:ids)";
    private static final String LINKED =
            "SELECT DISTINCT digest FROM oci_blob_link WHERE registry_id = :registry ORDER BY digest LIMIT :limit";
    private static final String DELETE_LINKS =
            "DELETE FROM oci_blob_link WHERE registry_id = :registry AND digest IN (:digests)";

    @Override
    public Format format() {
        return Format.DOCKER;
    }

    @Override
    public Flux<Long> copiedWith(DatabaseClient client, long versionId) {
        return client.sql(LISTED_MANIFESTS)
                .bind("version", versionId)
                .map(row -> Sql.number(row, "id"))
                .all();
    }

    @Override
    public Mono<Void> versionCopied(DatabaseClient client, CopiedVersion copy, Instant now) {
        return client.sql(LINK_COPIED)
                .bind("registry", copy.target().registryId())
                .bind("repository", copy.target().name())
                .bind("now", Sql.time(now))
                .bind("version", copy.sourceVersionId())
                .then();
    }

    @Override
    public Mono<Void> versionDeleting(DatabaseClient client, LockedPackage pkg, long versionId, Instant now) {
        return client.sql(UNLINK_DELETED)
                .bind("registry", pkg.registryId())
                .bind("repository", pkg.name())
                .bind("version", versionId)
                .bind("package", pkg.id())
                .then();
    }

    @Override
    public Mono<Void> packageDeleting(DatabaseClient client, LockedPackage pkg, Instant now) {
        return client.sql(UNLINK_REPOSITORY)
                .bind("registry", pkg.registryId())
                .bind("repository", pkg.name())
                .then()
                .then(client.sql(DROP_UPLOADS)
                        .bind("registry", pkg.registryId())
                        .bind("repository", pkg.name())
                        .then());
    }

    @Override
    public List<String> blobReferences() {
        return List.of(
                "EXISTS (SELECT 1 FROM oci_blob_link l WHERE l.digest = b.digest)",
                "EXISTS (SELECT 1 FROM oci_upload_chunk c WHERE c.digest = b.digest)");
    }

    @Override
    public boolean tagsVersions() {
        return true;
    }

    /** Listed by an index of the repository; named as subject by a referrer; a referrer whose subject is there. */
    @Override
    public List<String> untaggedNeeded() {
        return List.of(
                "EXISTS (SELECT 1 FROM file i JOIN version iv ON iv.id = i.version_id WHERE iv.package_id ="
                        + " v.package_id AND iv.id <> v.id AND i.path LIKE 'manifests/%' AND i.blob_digest = v.digest)",
                "EXISTS (SELECT 1 FROM version r WHERE r.package_id = v.package_id AND r.subject_digest = v.digest)",
                "EXISTS (SELECT 1 FROM version s WHERE s.package_id = v.package_id AND s.digest = v.subject_digest)");
    }

    @Override
    public List<FormatRowPurge> purges() {
        return List.of(new Uploads(), new BlobLinks());
    }

    /** Uploads in progress, with their chunk lists. */
    private static final class Uploads implements FormatRowPurge {

        @Override
        public String name() {
            return "oci.uploads";
        }

        @Override
        public Mono<Deleted> deleteBatch(DatabaseClient client, long registryId, int limit) {
            return strings(client.sql(UPLOADS).bind("registry", registryId).bind("limit", limit), "id")
                    .flatMap(ids -> ids.isEmpty()
                            ? Mono.just(Deleted.NONE)
                            : strings(client.sql(UPLOAD_CHUNKS).bind("ids", ids), "digest")
                                    .flatMap(digests -> client.sql(DELETE_UPLOADS)
                                            .bind("ids", ids)
                                            .fetch()
                                            .rowsUpdated()
                                            .map(rows -> new Deleted(rows, digests))));
        }
    }

    /** The blobs each repository links, a batch of digests at a time. */
    private static final class BlobLinks implements FormatRowPurge {

        @Override
        public String name() {
            return "oci.blobLinks";
        }

        @Override
        public Mono<Deleted> deleteBatch(DatabaseClient client, long registryId, int limit) {
            return strings(client.sql(LINKED).bind("registry", registryId).bind("limit", limit), "digest")
                    .flatMap(digests -> digests.isEmpty()
                            ? Mono.just(Deleted.NONE)
                            : client.sql(DELETE_LINKS)
                                    .bind("registry", registryId)
                                    .bind("digests", digests)
                                    .fetch()
                                    .rowsUpdated()
                                    .map(rows -> new Deleted(rows, digests)));
        }
    }

    private static Mono<List<String>> strings(DatabaseClient.GenericExecuteSpec query, String column) {
        return query.map(row -> Sql.text(row, column)).all().collectList();
    }
}
