package dev.wharf.runtime.maven;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.wharf.runtime.metadata.MetadataDatabase;
import dev.wharf.runtime.metadata.Sql;
import dev.wharf.runtime.storage.Digest;
import dev.wharf.runtime.web.ServedRegistry;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/**
 * The md5, sha1 and sha512 of stored blobs, in table {@code maven_checksum}: saved when a file is deployed, and
 * computed from the stored bytes (once) for a blob that came another way, such as through an upstream proxy.
 */
final class MavenChecksums {

    private static final String FIND = "SELECT md5, sha1, sha512 FROM maven_checksum WHERE digest = :digest";
    private static final String INSERT = "INSERT INTO maven_checksum (digest, md5, sha1, sha512)"
            + " VALUES (:digest, :md5, :sha1, :sha512) ON CONFLICT DO NOTHING";

    private static final int MAX_KEPT = 100_000;

    private final DatabaseClient client;
    // A function of the bytes, which never change under a digest: kept without expiry, up to a size.
    private final Cache<Digest, Checksums> kept =
            Caffeine.newBuilder().maximumSize(MAX_KEPT).build();

    MavenChecksums(MetadataDatabase database) {
        this.client = database.client();
    }

    /**
     * The checksums of the blob, from memory, else the table, else computed from the registry's store and saved; a
     * checksum asked for again (every build asks for a POM's and a jar's {@code .sha1}) costs no query.
     */
    Mono<Checksums> of(ServedRegistry registry, Digest digest) {
        Checksums known = kept.getIfPresent(digest);
        if (known != null) {
            return Mono.just(known);
        }
        return find(digest)
                .switchIfEmpty(Mono.defer(() -> compute(registry, digest)
                        .flatMap(checksums -> save(checksums, digest).thenReturn(checksums))))
                .doOnNext(checksums -> kept.put(digest, checksums));
    }

    /** Saves the checksums of a blob a file now points at. */
    Mono<Void> save(Checksums checksums, Digest digest) {
        return client.sql(INSERT)
                .bind("digest", digest.toString())
                .bind("md5", checksums.md5())
                .bind("sha1", checksums.sha1())
                .bind("sha512", checksums.sha512())
                .fetch()
                .rowsUpdated()
                // The blob's row went to the collector meanwhile: the checksums are computed again when asked.
                .onErrorResume(DataIntegrityViolationException.class, e -> Mono.just(0L))
                .then();
    }

    private Mono<Checksums> find(Digest digest) {
        return client.sql(FIND)
                .bind("digest", digest.toString())
                .map(row -> Checksums.of(digest, Sql.text(row, "md5"), Sql.text(row, "sha1"), Sql.text(row, "sha512")))
                .one();
    }

    private static Mono<Checksums> compute(ServedRegistry registry, Digest digest) {
        return Mono.defer(() -> {
            ChecksumAccumulator accumulator = new ChecksumAccumulator();
            return registry.store()
                    .read(digest, null)
                    .doOnNext(buffer -> {
                        try {
                            accumulator.update(buffer);
                        } finally {
                            DataBufferUtils.release(buffer);
                        }
                    })
                    .then(Mono.fromSupplier(() -> accumulator.finish(digest)));
        });
    }
}
