package dev.wharf.runtime.maven;

import dev.wharf.api.v1alpha1.common.Format;
import dev.wharf.runtime.metadata.CopiedVersion;
import dev.wharf.runtime.metadata.FormatRowPurge;
import dev.wharf.runtime.metadata.FormatRows;
import dev.wharf.runtime.metadata.LockedPackage;
import dev.wharf.runtime.metadata.Sql;
import java.time.Instant;
import java.util.List;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What becomes of table {@code maven_plugin} when the core copies, deletes or purges: a copied version of a plugin
 * takes its prefix along to the target registry's group document (unless the target already names one), a deleted
 * artifact leaves its group's plugin list, and a purge deletes the registry's rows. The checksums in
 * {@code maven_checksum} are a function of the bytes, shared by every registry, and go with their blob. The files
 * this runtime keeps in memory for downloads ({@link StoredFiles}) are dropped for every package these hooks touch.
 */
final class MavenRows implements FormatRows {

    private static final String COPY_PLUGIN = "INSERT INTO maven_plugin (registry_id, group_id, artifact_id, prefix,"
            + " name) SELECT :target, mp.group_id, mp.artifact_id, mp.prefix, mp.name FROM version v"
            + " JOIN package p ON p.id = v.package_id JOIN maven_plugin mp ON mp.registry_id = p.registry_id"
            + " AND mp.group_id = :group AND mp.artifact_id = :artifact WHERE v.id = :source AND NOT EXISTS"
            + " (SELECT 1 FROM maven_plugin t WHERE t.registry_id = :target AND t.group_id = :group"
            + " AND t.artifact_id = :artifact)";
    private static final String DELETE_PLUGIN = "DELETE FROM maven_plugin"
            + " WHERE registry_id = :registry AND group_id = :group AND artifact_id = :artifact";
    private static final String PLUGINS_OF_REGISTRY = "SELECT group_id, artifact_id FROM maven_plugin"
            + " WHERE registry_id = :registry ORDER BY group_id, artifact_id LIMIT :limit";

    private final StoredFiles storedFiles;

    MavenRows(StoredFiles storedFiles) {
        this.storedFiles = storedFiles;
    }

    @Override
    public Format format() {
        return Format.MAVEN;
    }

    @Override
    public Mono<Void> versionCopied(DatabaseClient client, CopiedVersion copy, Instant now) {
        storedFiles.changed(copy.target().registryId(), copy.target().name());
        String[] coordinates = coordinates(copy.target().name());
        return client.sql(COPY_PLUGIN)
                .bind("target", copy.target().registryId())
                .bind("group", coordinates[0])
                .bind("artifact", coordinates[1])
                .bind("source", copy.sourceVersionId())
                .then();
    }

    @Override
    public Mono<Void> versionDeleting(DatabaseClient client, LockedPackage pkg, long versionId, Instant now) {
        storedFiles.changed(pkg.registryId(), pkg.name());
        return Mono.empty();
    }

    @Override
    public Mono<Void> packageDeleting(DatabaseClient client, LockedPackage pkg, Instant now) {
        storedFiles.changed(pkg.registryId(), pkg.name());
        String[] coordinates = coordinates(pkg.name());
        return delete(client, pkg.registryId(), coordinates[0], coordinates[1]);
    }

    @Override
    public List<FormatRowPurge> purges() {
        return List.of(new Plugins());
    }

    private static Mono<Void> delete(DatabaseClient client, long registryId, String groupId, String artifactId) {
        return client.sql(DELETE_PLUGIN)
                .bind("registry", registryId)
                .bind("group", groupId)
                .bind("artifact", artifactId)
                .then();
    }

    /** {@code groupId:artifactId} as its two parts. */
    private static String[] coordinates(String packageName) {
        int colon = packageName.indexOf(':');
        return colon < 0
                ? new String[] {packageName, ""}
                : new String[] {packageName.substring(0, colon), packageName.substring(colon + 1)};
    }

    /** The purge of a registry's plugin prefixes. */
    private static final class Plugins implements FormatRowPurge {

        @Override
        public String name() {
            return "maven.plugins";
        }

        @Override
        public Mono<Deleted> deleteBatch(DatabaseClient client, long registryId, int limit) {
            return client.sql(PLUGINS_OF_REGISTRY)
                    .bind("registry", registryId)
                    .bind("limit", limit)
                    .map(row -> List.of(Sql.text(row, "group_id"), Sql.text(row, "artifact_id")))
                    .all()
                    .collectList()
                    .flatMap(found -> Flux.fromIterable(found)
                            .concatMap(plugin -> delete(client, registryId, plugin.get(0), plugin.get(1)))
                            .then(Mono.just(found.isEmpty() ? Deleted.NONE : new Deleted(found.size(), List.of()))));
        }
    }
}
