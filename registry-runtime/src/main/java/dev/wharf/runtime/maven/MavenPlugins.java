package dev.wharf.runtime.maven;

import dev.wharf.runtime.metadata.MetadataDatabase;
import dev.wharf.runtime.metadata.Sql;
import dev.wharf.runtime.metadata.Transactions;
import java.util.List;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The plugin prefixes of a registry's groups, in table {@code maven_plugin}: what the group's {@code
 * maven-metadata.xml} lists, taken from the one the maven-plugin-plugin deploys beside a plugin.
 */
final class MavenPlugins {

    private static final String LIST = "SELECT artifact_id, prefix, name FROM maven_plugin"
            + " WHERE registry_id = :registry AND group_id = :group ORDER BY artifact_id";
    private static final String DELETE = "DELETE FROM maven_plugin"
            + " WHERE registry_id = :registry AND group_id = :group AND artifact_id = :artifact";
    private static final String INSERT = "INSERT INTO maven_plugin (registry_id, group_id, artifact_id, prefix, name)"
            + " VALUES (:registry, :group, :artifact, :prefix, :name)";

    private final MetadataDatabase database;

    MavenPlugins(MetadataDatabase database) {
        this.database = database;
    }

    /** The plugins of the group, by artifactId. */
    Flux<MavenMetadata.Plugin> list(long registryId, String groupId) {
        return database.client()
                .sql(LIST)
                .bind("registry", registryId)
                .bind("group", groupId)
                .map(row -> new MavenMetadata.Plugin(
                        Sql.nullableText(row, "name"), Sql.text(row, "prefix"), Sql.text(row, "artifact_id")))
                .all();
    }

    /** Records the plugins of the group, each replacing what was kept for its artifactId. */
    Mono<Void> save(long registryId, String groupId, List<MavenMetadata.Plugin> plugins) {
        DatabaseClient client = database.client();
        return Transactions.inTransaction(
                database,
                () -> Flux.fromIterable(plugins)
                        .concatMap(plugin -> client.sql(DELETE)
                                .bind("registry", registryId)
                                .bind("group", groupId)
                                .bind("artifact", plugin.artifactId())
                                .then()
                                .then(client.sql(INSERT)
                                        .bind("registry", registryId)
                                        .bind("group", groupId)
                                        .bind("artifact", plugin.artifactId())
                                        .bind("prefix", plugin.prefix())
                                        .bind("name", Sql.nullableText(plugin.name()))
                                        .then()))
                        .then());
    }
}
