package dev.wharf.runtime.metadata;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.function.LongSupplier;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/**
 * Finds the file a download asks for, from the names in its URL, in one query: the package by name, its version (by
 * version or by tag) and the file by path. A download is the most frequent request a registry serves, so a file found
 * by version is kept in memory and served again without a query for {@link #RECHECK}, unless this runtime deletes or
 * replaces content meanwhile ({@link ContentChanges}); a delete another replica makes is so seen within {@link
 * #RECHECK}. Files not found are not kept: the next request asks again, so a new file is seen at once.
 */
public final class FileLookup {

    /** How long a file found is served from memory before the database is asked again. */
    public static final Duration RECHECK = Duration.ofSeconds(1);

    private static final int MAX_KEPT = 50_000;

    private static final String SELECT =
            "SELECT " + VersionRows.COLUMNS + ", " + FileRows.ALIASED_COLUMNS + " FROM package p";
    private static final String FILE = " JOIN file f ON f.version_id = v.id AND f.path = :path"
            + " WHERE p.registry_id = :registry AND p.name = :name";
    private static final String BY_VERSION =
            SELECT + " JOIN version v ON v.package_id = p.id AND v.version = :reference" + FILE;
    private static final String BY_TAG = SELECT + " JOIN tag t ON t.package_id = p.id AND t.name = :reference"
            + " JOIN version v ON v.id = t.version_id" + FILE;

    private record Key(long registryId, String packageName, String version, String path) {}

    /** A file found, with the {@link ContentChanges#generation()} and the time it was found at. */
    private record Found(VersionedFile file, long generation, long foundAt) {}

    private final DatabaseClient client;
    private final ContentChanges changes;
    private final LongSupplier nanos;
    private final Cache<Key, Found> found =
            Caffeine.newBuilder().maximumSize(MAX_KEPT).build();

    public FileLookup(MetadataDatabase database) {
        this(database, System::nanoTime);
    }

    FileLookup(MetadataDatabase database, LongSupplier nanos) {
        this.client = database.client();
        this.changes = database.changes();
        this.nanos = nanos;
    }

    /** The file at {@code path} of the package's {@code version}; empty when any of them does not exist. */
    public Mono<VersionedFile> byVersion(long registryId, String packageName, String version, String path) {
        return Mono.defer(() -> {
            Key key = new Key(registryId, packageName, version, path);
            long generation = changes.generation();
            long now = nanos.getAsLong();
            Found kept = found.getIfPresent(key);
            if (kept != null && kept.generation() == generation && now - kept.foundAt() < RECHECK.toNanos()) {
                return Mono.just(kept.file());
            }
            return find(BY_VERSION, registryId, packageName, version, path)
                    .doOnNext(file -> found.put(key, new Found(file, generation, now)));
        });
    }

    /** The file at {@code path} of the version the package's {@code tag} points at; empty when there is none. */
    public Mono<VersionedFile> byTag(long registryId, String packageName, String tag, String path) {
        return find(BY_TAG, registryId, packageName, tag, path);
    }

    private Mono<VersionedFile> find(String sql, long registryId, String packageName, String reference, String path) {
        return client.sql(sql)
                .bind("registry", registryId)
                .bind("name", packageName)
                .bind("reference", reference)
                .bind("path", path)
                .map(row -> new VersionedFile(VersionRows.map(row), FileRows.mapAliased(row)))
                .one();
    }
}
