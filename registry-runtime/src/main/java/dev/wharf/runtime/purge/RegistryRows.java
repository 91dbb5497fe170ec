package dev.wharf.runtime.purge;

import dev.wharf.runtime.metadata.MetadataDatabase;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/**
 * The SQL that deletes one registry's rows a batch at a time, each batch saying which blobs its rows referenced.
 * Child rows go with their parents through the schema's {@code ON DELETE CASCADE}: a version takes its files, tags
 * and metadata entries, a package its metadata entries. The formats' own rows are theirs to delete
 * ({@link dev.wharf.runtime.metadata.FormatRowPurge}). Called inside a transaction.
 */
final class RegistryRows {

    private static final String REGISTRY = "SELECT id FROM registry WHERE name = :name";

    private static final String VERSIONS = "SELECT v.id FROM version v JOIN package p ON p.id = v.package_id"
            + " WHERE p.registry_id = :registry ORDER BY v.id LIMIT :limit";
    private static final String VERSION_FILES = "SELECT blob_digest FROM file WHERE version_id IN (:ids)";
    private static final String DELETE_TAGS = "DELETE FROM tag WHERE version_id IN (:ids)";
    private static final String DELETE_VERSIONS = "DELETE FROM version WHERE id IN (:ids)";

    private static final String PACKAGES =
            "SELECT id FROM package WHERE registry_id = :registry ORDER BY id LIMIT :limit";
    private static final String DELETE_PACKAGES = "DELETE FROM package WHERE id IN (:ids)";

    private static final String DELETE_AUDIT = "DELETE FROM audit_event WHERE id IN"
            + " (SELECT id FROM audit_event WHERE registry = :name ORDER BY id LIMIT :limit)";
    private static final String DELETE_SCOPES = "DELETE FROM api_token_scope WHERE registry = :name";
    private static final String DELETE_REGISTRY = "DELETE FROM registry WHERE id = :registry";

    /**
     * One batch of deleted rows.
     *
     * @param rows how many parent rows were deleted; 0 when there were none left
     * @param children how many child rows went with them where that is counted (files of versions), else 0
     * @param tags how many tags went with them
     * @param digests the blobs the deleted rows referenced, repeated as often as they were
     */
    record Batch(long rows, long children, long tags, List<String> digests) {

        static final Batch NONE = new Batch(0, 0, 0, List.of());
    }

    private final DatabaseClient client;

    RegistryRows(MetadataDatabase database) {
        this.client = database.client();
    }

    /** The id of the registry's row; empty when there is none (never served, or purged already). */
    Mono<Long> registryId(String name) {
        return client.sql(REGISTRY)
                .bind("name", name)
                .map(row -> number(row.get("id")))
                .one();
    }

    /** Deletes up to {@code limit} versions with their files, tags and metadata entries. */
    Mono<Batch> versions(long registry, int limit) {
        return ids(VERSIONS, registry, limit)
                .flatMap(ids -> ids.isEmpty()
                        ? Mono.just(Batch.NONE)
                        : strings(client.sql(VERSION_FILES).bind("ids", ids), "blob_digest")
                                .flatMap(digests -> client.sql(DELETE_TAGS)
                                        .bind("ids", ids)
                                        .fetch()
                                        .rowsUpdated()
                                        .flatMap(tags -> client.sql(DELETE_VERSIONS)
                                                .bind("ids", ids)
                                                .fetch()
                                                .rowsUpdated()
                                                .map(rows -> new Batch(rows, digests.size(), tags, digests)))));
    }

    /** Deletes up to {@code limit} packages, which hold no versions any more, with their metadata entries. */
    Mono<Batch> packages(long registry, int limit) {
        return ids(PACKAGES, registry, limit)
                .flatMap(ids -> ids.isEmpty()
                        ? Mono.just(Batch.NONE)
                        : client.sql(DELETE_PACKAGES)
                                .bind("ids", ids)
                                .fetch()
                                .rowsUpdated()
                                .map(rows -> new Batch(rows, 0, 0, List.of())));
    }

    /** Deletes up to {@code limit} audit events naming the registry. */
    Mono<Long> auditEvents(String name, int limit) {
        return client.sql(DELETE_AUDIT)
                .bind("name", name)
                .bind("limit", limit)
                .fetch()
                .rowsUpdated();
    }

    /** Deletes the API token scopes naming the registry, so that a registry made again later starts with none. */
    Mono<Long> tokenScopes(String name) {
        return client.sql(DELETE_SCOPES).bind("name", name).fetch().rowsUpdated();
    }

    /** Deletes the registry's row, once nothing refers to it. */
    Mono<Long> registry(long registry) {
        return client.sql(DELETE_REGISTRY).bind("registry", registry).fetch().rowsUpdated();
    }

    private Mono<List<Long>> ids(String sql, long registry, int limit) {
        return client.sql(sql)
                .bind("registry", registry)
                .bind("limit", limit)
                .map(row -> number(row.get("id")))
                .all()
                .collectList();
    }

    private static Mono<List<String>> strings(DatabaseClient.GenericExecuteSpec query, String column) {
        return query.map(row -> String.valueOf(row.get(column, String.class)))
                .all()
                .collectList();
    }

    private static long number(@Nullable Object value) {
        if (value instanceof Number number) {
            return number.longValue();
        }
        throw new IllegalStateException("expected a number, got " + value);
    }
}
