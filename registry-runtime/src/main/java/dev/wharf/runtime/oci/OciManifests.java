package dev.wharf.runtime.oci;

import dev.wharf.runtime.metadata.AuditEvent;
import dev.wharf.runtime.metadata.AuditTrail;
import dev.wharf.runtime.metadata.BlobClaims;
import dev.wharf.runtime.metadata.BlobMarkedForDeletionException;
import dev.wharf.runtime.metadata.LockedPackage;
import dev.wharf.runtime.metadata.MetadataDatabase;
import dev.wharf.runtime.metadata.PackageRows;
import dev.wharf.runtime.metadata.Sql;
import dev.wharf.runtime.metadata.Transactions;
import dev.wharf.runtime.metadata.VersionChanges;
import dev.wharf.runtime.metadata.VersionRecord;
import dev.wharf.runtime.metadata.VersionRows;
import dev.wharf.runtime.storage.Digest;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * OCI manifests as versions of their repository: a push records the version (named by its digest), its files (the
 * manifest and every blob it references, so that storage accounting and garbage collection see them), its tag and the
 * audit event in one transaction; the referrers API and the catalog read them back.
 */
public final class OciManifests {

    private static final String INSERT_VERSION = "INSERT INTO version (package_id, version, digest, artifact_type,"
            + " subject_digest, created_at, pushed_by, upstream) VALUES (:package, :version, :version, :artifactType,"
            + " :subject, :now, :pushedBy, :upstream) ON CONFLICT DO NOTHING";
    private static final String VERSION_ID =
            "SELECT id FROM version WHERE package_id = :package AND version = :version";
    private static final String INSERT_FILE = "INSERT INTO file (version_id, path, blob_digest, size_bytes,"
            + " content_type, created_at) VALUES (:version, :path, :digest, :size, :contentType, :now)";
    private static final String UPDATE_TAG =
            "UPDATE tag SET version_id = :version, updated_at = :now WHERE package_id = :package AND name = :name";
    private static final String INSERT_TAG =
            "INSERT INTO tag (package_id, name, version_id, updated_at)" + " VALUES (:package, :name, :version, :now)";
    private static final String DELETE_TAG = "DELETE FROM tag WHERE package_id = :package AND name = :name";
    private static final String TAGGED_VERSION = "SELECT v.version FROM tag t JOIN version v ON v.id = t.version_id"
            + " WHERE t.package_id = :package AND t.name = :name";
    private static final String REFERRERS = "SELECT v.digest, v.artifact_type, f.content_type, f.size_bytes"
            + " FROM package p JOIN version v ON v.package_id = p.id"
            + " JOIN file f ON f.version_id = v.id AND f.path = '" + NewManifest.MANIFEST_PATH + "'"
            + " WHERE p.registry_id = :registry AND p.name = :repository AND v.subject_digest = :subject"
            + " ORDER BY v.created_at, v.id";
    private static final String REPOSITORIES =
            "SELECT name FROM package WHERE registry_id = :registry" + " AND name > :last ORDER BY name LIMIT :limit";

    private final MetadataDatabase database;
    private final DatabaseClient client;
    private final AuditTrail audit;
    private final Clock clock;

    public OciManifests(MetadataDatabase database, AuditTrail audit, Clock clock) {
        this.database = database;
        this.client = database.client();
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Records a pushed manifest whose bytes and blobs are stored: claims the blobs, creates the repository and the
     * version when new (the repository's latest), and points the tag at it. Pushing the same manifest again only
     * moves the tag.
     *
     * @return the version; or a {@link BlobMarkedForDeletionException} when garbage collection is deleting a blob
     */
    public Mono<VersionRecord> record(NewManifest manifest) {
        return record(manifest, true);
    }

    /**
     * {@link #record(NewManifest)}, where {@code tagMayMove} false refuses to point an existing tag at another
     * manifest (checked under the repository's lock, so that concurrent pushes cannot both move it).
     *
     * @return the version; or a {@link TagImmutableException}, with nothing recorded, when the tag points at another
     *     manifest and may not move
     */
    public Mono<VersionRecord> record(NewManifest manifest, boolean tagMayMove) {
        return Transactions.inTransaction(database, () -> {
            Instant now = Sql.now(clock);
            Map<Digest, Long> claims = new LinkedHashMap<>();
            claims.put(manifest.digest(), manifest.sizeBytes());
            manifest.blobs().forEach(blob -> claims.putIfAbsent(blob.digest(), blob.sizeBytes()));
            manifest.manifests().forEach(child -> claims.putIfAbsent(child.digest(), child.sizeBytes()));
            return Flux.fromIterable(claims.entrySet().stream()
                            .sorted(Comparator.comparing(entry -> entry.getKey().toString()))
                            .toList())
                    .concatMap(entry -> BlobClaims.claim(client, entry.getKey(), entry.getValue(), now))
                    .then(PackageRows.lockOrCreate(client, manifest.registryId(), manifest.repository(), now))
                    .flatMap(locked -> (tagMayMove ? Mono.<Void>empty() : refuseTagMove(locked, manifest))
                            .then(versionId(locked, manifest, now))
                            .flatMap(versionId -> tag(locked.id(), manifest.tag(), versionId, now)
                                    .then(VersionRows.find(client, versionId))));
        });
    }

    /**
     * Deletes a tag of the repository and records who did ({@code tag.delete}, naming the manifest it pointed at), in
     * one transaction; the manifest stays.
     *
     * @return whether the repository had the tag
     */
    public Mono<Boolean> deleteTag(long packageId, String tag, String actor) {
        return Transactions.inTransaction(database, () -> {
            Instant now = Sql.now(clock);
            return PackageRows.lock(client, packageId)
                    .flatMap(locked -> client.sql(TAGGED_VERSION)
                            .bind("package", packageId)
                            .bind("name", tag)
                            .map(row -> Sql.text(row, "version"))
                            .one()
                            .flatMap(version -> client.sql(DELETE_TAG)
                                    .bind("package", packageId)
                                    .bind("name", tag)
                                    .then()
                                    .then(audit.record(new AuditEvent(
                                            0,
                                            now,
                                            actor,
                                            "tag.delete",
                                            locked.registryName(),
                                            locked.name(),
                                            version,
                                            "tag " + tag)))
                                    .thenReturn(true)))
                    .defaultIfEmpty(false);
        });
    }

    /** The manifests of the repository whose subject is {@code subject}, oldest first. */
    public Flux<OciReferrer> referrers(long registryId, String repository, Digest subject) {
        return client.sql(REFERRERS)
                .bind("registry", registryId)
                .bind("repository", repository)
                .bind("subject", subject.toString())
                .map(row -> new OciReferrer(
                        Digest.parse(Sql.text(row, "digest")),
                        Sql.text(row, "content_type"),
                        Sql.number(row, "size_bytes"),
                        Sql.nullableText(row, "artifact_type")))
                .all();
    }

    /** Up to {@code limit} repository names of the registry after {@code last} (empty for the first). */
    public Flux<String> repositories(long registryId, String last, int limit) {
        return client.sql(REPOSITORIES)
                .bind("registry", registryId)
                .bind("last", last)
                .bind("limit", limit)
                .map(row -> Sql.text(row, "name"))
                .all();
    }

    private Mono<Long> versionId(LockedPackage locked, NewManifest manifest, Instant now) {
        return client.sql(INSERT_VERSION)
                .bind("package", locked.id())
                .bind("version", manifest.digest().toString())
                .bind("artifactType", Sql.nullableText(manifest.artifactType()))
                .bind(
                        "subject",
                        Sql.nullableText(
                                manifest.subject() == null
                                        ? null
                                        : manifest.subject().toString()))
                .bind("now", Sql.time(now))
                .bind("pushedBy", Sql.nullableText(manifest.upstream() == null ? manifest.pushedBy() : null))
                .bind("upstream", Sql.nullableText(manifest.upstream()))
                .fetch()
                .rowsUpdated()
                .flatMap(inserted -> client.sql(VERSION_ID)
                        .bind("package", locked.id())
                        .bind("version", manifest.digest().toString())
                        .map(row -> Sql.number(row, "id"))
                        .one()
                        .flatMap(versionId -> inserted > 0
                                ? files(versionId, manifest, now)
                                        .then(VersionChanges.afterFileChange(client, locked.id(), versionId, now))
                                        .then(audit.record(pushEvent(manifest, locked, now)))
                                        .thenReturn(versionId)
                                : Mono.just(versionId)));
    }

    private Mono<Void> refuseTagMove(LockedPackage locked, NewManifest manifest) {
        String tag = manifest.tag();
        if (tag == null) {
            return Mono.empty();
        }
        return client.sql(TAGGED_VERSION)
                .bind("package", locked.id())
                .bind("name", tag)
                .map(row -> Sql.text(row, "version"))
                .one()
                .filter(tagged -> !tagged.equals(manifest.digest().toString()))
                .flatMap(tagged -> Mono.error(new TagImmutableException(locked.name(), tag, tagged)));
    }

    private Mono<Void> files(long versionId, NewManifest manifest, Instant now) {
        Map<String, NewManifest.Blob> files = new LinkedHashMap<>();
        files.put(
                NewManifest.MANIFEST_PATH,
                new NewManifest.Blob(manifest.digest(), manifest.sizeBytes(), manifest.mediaType()));
        manifest.blobs().forEach(blob -> files.putIfAbsent(blob.path(), blob));
        manifest.manifests().forEach(child -> files.putIfAbsent(NewManifest.childPath(child.digest()), child));
        return Flux.fromIterable(files.entrySet())
                .concatMap(file -> client.sql(INSERT_FILE)
                        .bind("version", versionId)
                        .bind("path", file.getKey())
                        .bind("digest", file.getValue().digest().toString())
                        .bind("size", file.getValue().sizeBytes())
                        .bind("contentType", file.getValue().mediaType())
                        .bind("now", Sql.time(now))
                        .then())
                .then();
    }

    private Mono<Void> tag(long packageId, @Nullable String tag, long versionId, Instant now) {
        if (tag == null) {
            return Mono.empty();
        }
        return client.sql(UPDATE_TAG)
                .bind("version", versionId)
                .bind("now", Sql.time(now))
                .bind("package", packageId)
                .bind("name", tag)
                .fetch()
                .rowsUpdated()
                .flatMap(updated -> updated > 0
                        ? Mono.<Void>empty()
                        : client.sql(INSERT_TAG)
                                .bind("package", packageId)
                                .bind("name", tag)
                                .bind("version", versionId)
                                .bind("now", Sql.time(now))
                                .then());
    }

    private static AuditEvent pushEvent(NewManifest manifest, LockedPackage locked, Instant now) {
        List<String> detail = List.of(manifest.mediaType(), manifest.tag() == null ? "" : "tag " + manifest.tag());
        return new AuditEvent(
                0,
                now,
                manifest.pushedBy(),
                "version.push",
                locked.registryName(),
                locked.name(),
                manifest.digest().toString(),
                String.join(" ", detail).strip());
    }

    /** A push would move a tag to another manifest where tags are immutable; its message names both digests. */
    public static final class TagImmutableException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        private final String tag;
        private final String current;

        public TagImmutableException(String repository, String tag, String current) {
            super("tag " + tag + " of " + repository + " already points at " + current + " and may not move");
            this.tag = tag;
            this.current = current;
        }

        /** The tag. */
        public String tag() {
            return tag;
        }

        /** The digest of the manifest it points at. */
        public String current() {
            return current;
        }
    }
}
