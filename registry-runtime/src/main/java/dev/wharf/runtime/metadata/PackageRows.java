package dev.wharf.runtime.metadata;

import io.r2dbc.spi.Readable;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/**
 * Locks package rows for the transactions that change a package's versions. Every such transaction locks the package
 * before any of its versions, files or tags (and after the blobs it claims), so that two of them never wait on each
 * other; concurrent pushes of one package are serialised, which keeps its figures and latest version exact.
 */
public final class PackageRows {

    private static final String LOCK_BY_ID =
            "SELECT id, registry_id, name, latest_version_id FROM package WHERE id = :id FOR UPDATE";
    private static final String LOCK_BY_NAME = "SELECT id, registry_id, name, latest_version_id FROM package"
            + " WHERE registry_id = :registry AND name = :name FOR UPDATE";
    private static final String INSERT = "INSERT INTO package (registry_id, name, created_at, updated_at)"
            + " VALUES (:registry, :name, :now, :now) ON CONFLICT DO NOTHING";
    private static final String REGISTRY = "SELECT name, format FROM registry WHERE id = :id";

    /** How often to look again for a package a concurrent transaction is creating or deleting. */
    private static final int MAX_REPEATS = 20;

    private PackageRows() {}

    /** Locks the package; empty when it does not exist. */
    public static Mono<LockedPackage> lock(DatabaseClient client, long packageId) {
        return withRegistry(
                client,
                client.sql(LOCK_BY_ID)
                        .bind("id", packageId)
                        .map(PackageRows::row)
                        .one());
    }

    /** Locks the registry's package of that name; empty when it does not exist. */
    public static Mono<LockedPackage> lock(DatabaseClient client, long registryId, String name) {
        return withRegistry(
                client,
                client.sql(LOCK_BY_NAME)
                        .bind("registry", registryId)
                        .bind("name", name)
                        .map(PackageRows::row)
                        .one());
    }

    /** Locks the registry's package of that name, created first when it does not exist. */
    public static Mono<LockedPackage> lockOrCreate(DatabaseClient client, long registryId, String name, Instant now) {
        // The row may be inserted, or deleted, by a transaction that has not committed yet: look until it is settled.
        return Mono.defer(() -> client.sql(INSERT)
                        .bind("registry", registryId)
                        .bind("name", name)
                        .bind("now", Sql.time(now))
                        .then()
                        .then(lock(client, registryId, name)))
                .repeatWhenEmpty(
                        MAX_REPEATS,
                        attempts -> attempts.concatMap(attempt -> Mono.delay(Duration.ofMillis(5 * (attempt + 1)))));
    }

    /** The registry's name; fails naming the id when there is no such registry. */
    public static Mono<String> registryName(DatabaseClient client, long registryId) {
        return registry(client, registryId).map(RegistryRow::name);
    }

    private static Mono<RegistryRow> registry(DatabaseClient client, long registryId) {
        return client.sql(REGISTRY)
                .bind("id", registryId)
                .map(row -> new RegistryRow(Sql.text(row, "name"), Sql.text(row, "format")))
                .one()
                .switchIfEmpty(Mono.error(() -> new IllegalArgumentException(
                        "there is no registry with id " + registryId + " in the metadata database")));
    }

    private static Mono<LockedPackage> withRegistry(DatabaseClient client, Mono<Row> locked) {
        return locked.flatMap(row -> registry(client, row.registryId())
                .map(registry -> new LockedPackage(
                        row.id(),
                        row.registryId(),
                        row.name(),
                        row.latestVersionId(),
                        registry.name(),
                        registry.format())));
    }

    private static Row row(Readable row) {
        return new Row(
                Sql.number(row, "id"),
                Sql.number(row, "registry_id"),
                Sql.text(row, "name"),
                Sql.nullableNumber(row, "latest_version_id"));
    }

    private record RegistryRow(String name, String format) {}

    private record Row(
            long id, long registryId, String name, @Nullable Long latestVersionId) {}
}
