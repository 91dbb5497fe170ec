package dev.wharf.runtime.metadata;

import java.time.Clock;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/** Packages of a registry: listing, lookup and deletion. */
public final class Packages {

    private static final String DELETE = "DELETE FROM package WHERE id = :id";

    private final MetadataDatabase database;
    private final DatabaseClient client;
    private final AuditTrail audit;
    private final Clock clock;
    private final AllFormatRows formats;

    public Packages(MetadataDatabase database, AuditTrail audit, Clock clock, AllFormatRows formats) {
        this.database = database;
        this.client = database.client();
        this.audit = audit;
        this.clock = clock;
        this.formats = formats;
    }

    /** One page of the registry's packages. */
    public Mono<Page<PackageRecord>> list(long registryId, PackageQuery query) {
        String pattern = PackageListing.pattern(query);
        DatabaseClient.GenericExecuteSpec page = client.sql(PackageListing.page(query))
                .bind("registry", registryId)
                .bind("limit", query.pageSize())
                .bind("offset", (long) query.page() * query.pageSize());
        DatabaseClient.GenericExecuteSpec count =
                client.sql(PackageListing.count(query)).bind("registry", registryId);
        if (pattern != null) {
            page = page.bind("pattern", pattern);
            count = count.bind("pattern", pattern);
        }
        return Mono.zip(
                page.map(PackageListing::map).all().collectList(),
                count.map(row -> Sql.number(row, "total")).one(),
                (items, total) -> new Page<>(items, total, query.page(), query.pageSize()));
    }

    /** The package; empty when the registry has no package of that name. */
    public Mono<PackageRecord> find(long registryId, String name) {
        return client.sql(PackageListing.FIND)
                .bind("registry", registryId)
                .bind("name", name)
                .map(PackageListing::map)
                .one();
    }

    /**
     * Deletes the package with all its versions, files, tags and metadata, and what its format keeps for it, in one
     * transaction, and records who did. The blobs stay in storage until garbage collection finds them unreferenced.
     *
     * @return whether it existed
     */
    public Mono<Boolean> delete(long registryId, String name, String actor) {
        return Transactions.inTransaction(
                        database,
                        () -> PackageRows.lock(client, registryId, name)
                                .flatMap(locked -> formats.packageDeleting(client, locked, Sql.now(clock))
                                        .then(client.sql(DELETE)
                                                .bind("id", locked.id())
                                                .then())
                                        .then(audit.record(new AuditEvent(
                                                0,
                                                Sql.now(clock),
                                                actor,
                                                "package.delete",
                                                locked.registryName(),
                                                locked.name(),
                                                null,
                                                null)))
                                        .thenReturn(true))
                                .defaultIfEmpty(false))
                .doOnNext(database.changes()::deleted);
    }
}
