package dev.wharf.runtime.metadata;

import io.r2dbc.spi.Readable;
import java.time.Clock;
import java.util.Map;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/** The registries the database holds content for. */
public final class Registries {

    private static final String INSERT =
            "INSERT INTO registry (name, format, created_at)" + " VALUES (:name, :format, :now) ON CONFLICT DO NOTHING";
    private static final String FIND = "SELECT id, name, format, created_at FROM registry WHERE name = :name";

    /**
     * Counts from the version table, whose size and download figures are the sums of its files' (kept so by
     * {@link Files} and {@link DownloadCounter}), so that only the file count reads the file table.
     */
    private static final String USAGE = "SELECT r.id, r.name,"
            + " COALESCE(ps.packages, 0) AS packages, COALESCE(vs.versions, 0) AS versions,"
            + " COALESCE(fs.files, 0) AS files, COALESCE(vs.storage_bytes, 0) AS storage_bytes,"
            + " COALESCE(vs.downloads, 0) AS downloads, vs.last_pushed_at"
            + " FROM registry r"
            + " LEFT JOIN (SELECT registry_id, COUNT(*) AS packages FROM package GROUP BY registry_id) ps"
            + " ON ps.registry_id = r.id"
            + " LEFT JOIN (SELECT p.registry_id, COUNT(*) AS versions, SUM(v.size_bytes) AS storage_bytes,"
            + " SUM(v.download_count) AS downloads, MAX(v.created_at) AS last_pushed_at"
            + " FROM version v JOIN package p ON p.id = v.package_id GROUP BY p.registry_id) vs"
            + " ON vs.registry_id = r.id"
            + " LEFT JOIN (SELECT p.registry_id, COUNT(*) AS files FROM file f"
            + " JOIN version v ON v.id = f.version_id JOIN package p ON p.id = v.package_id"
            + " GROUP BY p.registry_id) fs ON fs.registry_id = r.id";

    private static final String USAGE_OF_ONE = "SELECT"
            + " (SELECT COUNT(*) FROM package p WHERE p.registry_id = :id) AS packages,"
            + " COUNT(v.id) AS versions,"
            + " (SELECT COUNT(*) FROM file f JOIN version fv ON fv.id = f.version_id"
            + " JOIN package fp ON fp.id = fv.package_id WHERE fp.registry_id = :id) AS files,"
            + " COALESCE(SUM(v.size_bytes), 0) AS storage_bytes, COALESCE(SUM(v.download_count), 0) AS downloads,"
            + " MAX(v.created_at) AS last_pushed_at"
            + " FROM version v JOIN package p ON p.id = v.package_id WHERE p.registry_id = :id";

    private final DatabaseClient client;
    private final Clock clock;

    public Registries(MetadataDatabase database, Clock clock) {
        this.client = database.client();
        this.clock = clock;
    }

    /** The registry named {@code name}, inserted with {@code format} when it is new; safe to call concurrently. */
    public Mono<RegistryRecord> ensure(String name, String format) {
        return Transactions.retryingRaces(Mono.defer(() -> client.sql(INSERT)
                        .bind("name", name)
                        .bind("format", format)
                        .bind("now", Sql.time(Sql.now(clock)))
                        .then()
                        .then(find(name))))
                .switchIfEmpty(Mono.error(() -> new IllegalStateException(
                        "the registry " + name + " was inserted into the metadata database but cannot be read")));
    }

    /** The registry named {@code name}; empty when the database has never seen it. */
    public Mono<RegistryRecord> find(String name) {
        return client.sql(FIND)
                .bind("name", name)
                .map(row -> new RegistryRecord(
                        Sql.number(row, "id"),
                        Sql.text(row, "name"),
                        Sql.text(row, "format"),
                        Sql.instant(row, "created_at")))
                .one();
    }

    /** What one registry holds. */
    public Mono<RegistryUsage> usage(long registryId) {
        return client.sql(USAGE_OF_ONE)
                .bind("id", registryId)
                .map(Registries::usageOf)
                .one()
                .defaultIfEmpty(RegistryUsage.EMPTY);
    }

    /** What every registry holds, by registry name, in one query (registries holding nothing included). */
    public Mono<Map<String, RegistryUsage>> usageByName() {
        return client.sql(USAGE)
                .map(row -> Map.entry(Sql.text(row, "name"), usageOf(row)))
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue)
                .map(Map::copyOf);
    }

    private static RegistryUsage usageOf(Readable row) {
        return new RegistryUsage(
                Sql.number(row, "packages"),
                Sql.number(row, "versions"),
                Sql.number(row, "files"),
                Sql.number(row, "storage_bytes"),
                Sql.number(row, "downloads"),
                Sql.nullableInstant(row, "last_pushed_at"));
    }
}
