package dev.wharf.runtime.oci;

import dev.wharf.runtime.metadata.BlobClaims;
import dev.wharf.runtime.metadata.MetadataDatabase;
import dev.wharf.runtime.metadata.Sql;
import dev.wharf.runtime.metadata.Transactions;
import dev.wharf.runtime.storage.Digest;
import io.r2dbc.spi.Readable;
import java.time.Clock;
import java.time.Instant;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Blob uploads in progress in OCI repositories, kept in the database so that an upload goes on after a restart of the
 * runtime (or on another replica): the session and the ordered list of its chunks, each a stored blob.
 */
public final class OciUploads {

    private static final String INSERT = "INSERT INTO oci_upload (id, registry_id, repository, size_bytes, created_at,"
            + " updated_at) VALUES (:id, :registry, :repository, 0, :now, :now)";
    private static final String FIND =
            "SELECT id, registry_id, repository, size_bytes, created_at, updated_at FROM oci_upload WHERE id = :id";
    private static final String CHUNKS = "SELECT start_offset, digest, size_bytes FROM oci_upload_chunk"
            + " WHERE upload_id = :id ORDER BY start_offset";
    private static final String GROW = "UPDATE oci_upload SET size_bytes = size_bytes + :size, updated_at = :now"
            + " WHERE id = :id AND size_bytes = :offset";
    private static final String INSERT_CHUNK = "INSERT INTO oci_upload_chunk (upload_id, start_offset, digest,"
            + " size_bytes) VALUES (:id, :offset, :digest, :size)";
    private static final String DELETE = "DELETE FROM oci_upload WHERE id = :id";
    private static final String DELETE_STALE = "DELETE FROM oci_upload WHERE updated_at < :before";

    private final MetadataDatabase database;
    private final DatabaseClient client;
    private final Clock clock;

    public OciUploads(MetadataDatabase database, Clock clock) {
        this.database = database;
        this.client = database.client();
        this.clock = clock;
    }

    /** Starts an upload with no bytes yet. */
    public Mono<OciUploadRecord> create(String id, long registryId, String repository) {
        Instant now = Sql.now(clock);
        return client.sql(INSERT)
                .bind("id", id)
                .bind("registry", registryId)
                .bind("repository", repository)
                .bind("now", Sql.time(now))
                .then()
                .thenReturn(new OciUploadRecord(id, registryId, repository, 0, now, now));
    }

    /** The upload; empty when there is none of that id (never started, finished or cancelled). */
    public Mono<OciUploadRecord> find(String id) {
        return client.sql(FIND).bind("id", id).map(OciUploads::map).one();
    }

    /** The upload's chunks, in order. */
    public Flux<OciUploadChunk> chunks(String id) {
        return client.sql(CHUNKS)
                .bind("id", id)
                .map(row -> new OciUploadChunk(
                        Sql.number(row, "start_offset"),
                        Digest.parse(Sql.text(row, "digest")),
                        Sql.number(row, "size_bytes")))
                .all();
    }

    /**
     * Appends a stored chunk at {@code offset}, which must be the upload's size, claiming its blob, in one
     * transaction.
     *
     * @return whether it was appended; false when the upload is gone or another chunk came first at that offset
     */
    public Mono<Boolean> append(String id, long offset, Digest chunk, long sizeBytes) {
        return Transactions.inTransaction(database, () -> {
            Instant now = Sql.now(clock);
            return BlobClaims.claim(client, chunk, sizeBytes, now)
                    .then(client.sql(GROW)
                            .bind("size", sizeBytes)
                            .bind("now", Sql.time(now))
                            .bind("id", id)
                            .bind("offset", offset)
                            .fetch()
                            .rowsUpdated())
                    .flatMap(rows -> rows == 0
                            ? Mono.just(false)
                            : client.sql(INSERT_CHUNK)
                                    .bind("id", id)
                                    .bind("offset", offset)
                                    .bind("digest", chunk.toString())
                                    .bind("size", sizeBytes)
                                    .then()
                                    .thenReturn(true));
        });
    }

    /**
     * Ends the upload (finished or cancelled); its chunk blobs stay until garbage collection finds them unreferenced.
     *
     * @return whether it existed
     */
    public Mono<Boolean> delete(String id) {
        return client.sql(DELETE).bind("id", id).fetch().rowsUpdated().map(rows -> rows > 0);
    }

    /**
     * Ends the uploads that received nothing since {@code before}, abandoned by their clients; their chunk blobs stay
     * until garbage collection finds them unreferenced.
     *
     * @return how many were ended
     */
    public Mono<Long> deleteStale(Instant before) {
        return client.sql(DELETE_STALE).bind("before", Sql.time(before)).fetch().rowsUpdated();
    }

    private static OciUploadRecord map(Readable row) {
        return new OciUploadRecord(
                Sql.text(row, "id"),
                Sql.number(row, "registry_id"),
                Sql.text(row, "repository"),
                Sql.number(row, "size_bytes"),
                Sql.instant(row, "created_at"),
                Sql.instant(row, "updated_at"));
    }
}
