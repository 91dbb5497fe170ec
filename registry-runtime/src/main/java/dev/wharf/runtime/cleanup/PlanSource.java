package dev.wharf.runtime.cleanup;

import dev.wharf.runtime.metadata.AllFormatRows;
import dev.wharf.runtime.metadata.MetadataDatabase;
import dev.wharf.runtime.metadata.Sql;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Reads a registry's versions for the planner a batch of packages at a time, in package-name order (keyset paging):
 * at most one batch of packages, with their versions and tags, is held at once, whatever the registry's size.
 */
final class PlanSource {

    /** How many packages are read at a time. */
    static final int PACKAGES_PER_BATCH = 100;

    private static final String PACKAGES =
            "SELECT id, name FROM package WHERE registry_id = :registry AND name > :after"
                    + " ORDER BY name LIMIT :limit";
    private static final String TAGS = "SELECT t.version_id, t.name FROM tag t WHERE t.package_id IN (:packages)"
            + " ORDER BY t.version_id, t.name";

    private final DatabaseClient client;
    private final AllFormatRows formats;

    PlanSource(MetadataDatabase database, AllFormatRows formats) {
        this.client = database.client();
        this.formats = formats;
    }

    /** The registry's packages with their versions, in name order. */
    Flux<PackageVersions> packages(long registryId, String registry, String format) {
        boolean tagged = formats.tagsVersions(format);
        String versions = "SELECT v.id, v.package_id, v.version, v.created_at, v.last_downloaded_at, v.size_bytes,"
                + " CASE WHEN " + (tagged ? formats.untaggedNeeded(format) : "FALSE") + " THEN 1 ELSE 0 END AS needed"
                + " FROM version v WHERE v.package_id IN (:packages)";
        return batch(registryId, "")
                .expand(batch -> batch.size() < PACKAGES_PER_BATCH
                        ? Mono.empty()
                        : batch(registryId, batch.getLast().name()))
                .concatMap(batch -> read(batch, versions, registry, tagged), 1);
    }

    private Mono<List<Named>> batch(long registryId, String after) {
        return client.sql(PACKAGES)
                .bind("registry", registryId)
                .bind("after", after)
                .bind("limit", PACKAGES_PER_BATCH)
                .map(row -> new Named(Sql.number(row, "id"), Sql.text(row, "name")))
                .all()
                .collectList()
                .filter(batch -> !batch.isEmpty());
    }

    private Flux<PackageVersions> read(List<Named> batch, String versions, String registry, boolean tagged) {
        List<Long> ids = batch.stream().map(Named::id).toList();
        Mono<Map<Long, List<String>>> tags = client.sql(TAGS)
                .bind("packages", ids)
                .map(row -> Map.entry(Sql.number(row, "version_id"), Sql.text(row, "name")))
                .all()
                .collect(
                        LinkedHashMap::new,
                        (map, tag) -> map.computeIfAbsent(tag.getKey(), id -> new ArrayList<>())
                                .add(tag.getValue()));
        return tags.flatMapMany(byVersion -> client.sql(versions)
                .bind("packages", ids)
                .map(row -> new Row(
                        Sql.number(row, "package_id"),
                        new VersionFacts(
                                Sql.number(row, "id"),
                                Sql.text(row, "version"),
                                Sql.instant(row, "created_at"),
                                Sql.nullableInstant(row, "last_downloaded_at"),
                                Sql.number(row, "size_bytes"),
                                byVersion.getOrDefault(Sql.number(row, "id"), List.of()),
                                Sql.number(row, "needed") == 1)))
                .all()
                .collectMultimap(Row::packageId, Row::version)
                .flatMapMany(byPackage -> Flux.fromIterable(batch)
                        .filter(pkg -> byPackage.containsKey(pkg.id()))
                        .map(pkg -> new PackageVersions(
                                registry, pkg.id(), pkg.name(), tagged, List.copyOf(byPackage.get(pkg.id()))))));
    }

    private record Named(long id, String name) {}

    private record Row(long packageId, VersionFacts version) {}
}
