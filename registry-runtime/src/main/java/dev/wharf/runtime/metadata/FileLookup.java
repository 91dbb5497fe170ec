package dev.wharf.runtime.metadata;

import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/**
 * Finds the file a download asks for, from the names in its URL, in one query: the package by name, its version (by
 * version or by tag) and the file by path. A download is the most frequent request a registry serves; this is its
 * only round trip to the database.
 */
public final class FileLookup {

    private static final String SELECT =
            "SELECT " + VersionRows.COLUMNS + ", " + FileRows.ALIASED_COLUMNS + " FROM package p";
    private static final String FILE = " JOIN file f ON f.version_id = v.id AND f.path = :path"
            + " WHERE p.registry_id = :registry AND p.name = :name";
    private static final String BY_VERSION =
            SELECT + " JOIN version v ON v.package_id = p.id AND v.version = :reference" + FILE;
    private static final String BY_TAG = SELECT + " JOIN tag t ON t.package_id = p.id AND t.name = :reference"
            + " JOIN version v ON v.id = t.version_id" + FILE;

    private final DatabaseClient client;

    public FileLookup(MetadataDatabase database) {
        this.client = database.client();
    }

    /** The file at {@code path} of the package's {@code version}; empty when any of them does not exist. */
    public Mono<VersionedFile> byVersion(long registryId, String packageName, String version, String path) {
        return find(BY_VERSION, registryId, packageName, version, path);
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
