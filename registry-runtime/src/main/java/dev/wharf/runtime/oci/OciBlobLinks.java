package dev.wharf.runtime.oci;

import dev.wharf.runtime.metadata.AuditEvent;
import dev.wharf.runtime.metadata.AuditTrail;
import dev.wharf.runtime.metadata.BlobClaims;
import dev.wharf.runtime.metadata.BlobMarkedForDeletionException;
import dev.wharf.runtime.metadata.MetadataDatabase;
import dev.wharf.runtime.metadata.PackageRows;
import dev.wharf.runtime.metadata.Sql;
import dev.wharf.runtime.metadata.Transactions;
import dev.wharf.runtime.storage.Digest;
import java.time.Clock;
import java.time.Instant;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/** The blobs each OCI repository may serve: linked when an upload completes or a blob is mounted from another. */
public final class OciBlobLinks {

    private static final String INSERT = "INSERT INTO oci_blob_link (registry_id, repository, digest, size_bytes,"
            + " created_at) VALUES (:registry, :repository, :digest, :size, :now) ON CONFLICT DO NOTHING";
    private static final String FIND = "SELECT size_bytes FROM oci_blob_link"
            + " WHERE registry_id = :registry AND repository = :repository AND digest = :digest";
    private static final String FIND_IN_REGISTRY =
            "SELECT size_bytes FROM oci_blob_link WHERE registry_id = :registry AND digest = :digest LIMIT 1";
    private static final String DELETE = "DELETE FROM oci_blob_link"
            + " WHERE registry_id = :registry AND repository = :repository AND digest = :digest";

    private final MetadataDatabase database;
    private final DatabaseClient client;
    private final AuditTrail audit;
    private final Clock clock;

    public OciBlobLinks(MetadataDatabase database, AuditTrail audit, Clock clock) {
        this.database = database;
        this.client = database.client();
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Links a stored blob to the repository, claiming it for garbage collection in the same transaction.
     *
     * @return done; or a {@link BlobMarkedForDeletionException} when garbage collection is deleting the blob
     */
    public Mono<Void> link(long registryId, String repository, Digest digest, long sizeBytes) {
        return Transactions.inTransaction(database, () -> {
            Instant now = Sql.now(clock);
            return BlobClaims.claim(client, digest, sizeBytes, now)
                    .then(client.sql(INSERT)
                            .bind("registry", registryId)
                            .bind("repository", repository)
                            .bind("digest", digest.toString())
                            .bind("size", sizeBytes)
                            .bind("now", Sql.time(now))
                            .then());
        });
    }

    /** The size of the blob when the repository links it; empty otherwise. */
    public Mono<Long> find(long registryId, String repository, Digest digest) {
        return client.sql(FIND)
                .bind("registry", registryId)
                .bind("repository", repository)
                .bind("digest", digest.toString())
                .map(row -> Sql.number(row, "size_bytes"))
                .one();
    }

    /** The size of the blob when any repository of the registry links it; empty otherwise. */
    public Mono<Long> findInRegistry(long registryId, Digest digest) {
        return client.sql(FIND_IN_REGISTRY)
                .bind("registry", registryId)
                .bind("digest", digest.toString())
                .map(row -> Sql.number(row, "size_bytes"))
                .one();
    }

    /**
     * Unlinks the blob from the repository and records who did ({@code blob.delete}), in one transaction; its bytes
     * stay until garbage collection finds them unreferenced.
     *
     * @return whether the repository linked it
     */
    public Mono<Boolean> unlink(long registryId, String repository, Digest digest, String actor) {
        return Transactions.inTransaction(database, () -> {
            Instant now = Sql.now(clock);
            return client.sql(DELETE)
                    .bind("registry", registryId)
                    .bind("repository", repository)
                    .bind("digest", digest.toString())
                    .fetch()
                    .rowsUpdated()
                    .flatMap(rows -> rows == 0
                            ? Mono.just(false)
                            : PackageRows.registryName(client, registryId)
                                    .flatMap(registry -> audit.record(new AuditEvent(
                                            0,
                                            now,
                                            actor,
                                            "blob.delete",
                                            registry,
                                            repository,
                                            null,
                                            digest.toString())))
                                    .thenReturn(true));
        });
    }
}
