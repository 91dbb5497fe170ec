package dev.wharf.runtime.npm;

import dev.wharf.api.v1alpha1.common.Format;
import dev.wharf.runtime.metadata.CopiedVersion;
import dev.wharf.runtime.metadata.FormatRowPurge;
import dev.wharf.runtime.metadata.FormatRows;
import dev.wharf.runtime.metadata.LockedPackage;
import dev.wharf.runtime.metadata.Sql;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/**
 * What becomes of the npm rows when the core copies or deletes versions: a copy takes its version document along,
 * counts as published in the target and becomes its {@code latest} when it is the highest release there; a deleted
 * version that was {@code latest} hands the tag to the highest remaining release, as the public registry does; a registry
 * purge deletes its record of published names in batches.
 */
final class NpmRows implements FormatRows {

    private static final String COPY_VERSION = "INSERT INTO npm_version (version_id, manifest, integrity, shasum,"
            + " deprecated, published_at) SELECT :target, manifest, integrity, shasum, deprecated, published_at"
            + " FROM npm_version WHERE version_id = :source";
    private static final String VERSION_NAME = "SELECT version FROM version WHERE id = :id";
    private static final String PUBLISHED_EXISTS = "SELECT 1 AS found FROM npm_published"
            + " WHERE registry_id = :registry AND package_name = :name AND version = :version";
    private static final String INSERT_PUBLISHED = "INSERT INTO npm_published (registry_id, package_name, version,"
            + " published_at) VALUES (:registry, :name, :version, :now)";
    private static final String PACKAGE_EXISTS = "SELECT 1 AS found FROM npm_package WHERE package_id = :package";
    private static final String COPY_PACKAGE = "INSERT INTO npm_package (package_id, readme, modified_at)"
            + " SELECT :target, p.readme, :now FROM npm_package p JOIN version v ON v.package_id = p.package_id"
            + " WHERE v.id = :source";
    private static final String INSERT_PACKAGE =
            "INSERT INTO npm_package (package_id, modified_at) VALUES (:package, :now)";
    private static final String TOUCH = "UPDATE npm_package SET modified_at = :now WHERE package_id = :package";
    private static final String LATEST_TAG = "SELECT t.version_id, v.version FROM tag t JOIN version v"
            + " ON v.id = t.version_id WHERE t.package_id = :package AND t.name = 'latest'";
    private static final String PUBLISHED_NAMES = "SELECT DISTINCT package_name FROM npm_published"
            + " WHERE registry_id = :registry ORDER BY package_name LIMIT :limit";
    private static final String DELETE_PUBLISHED =
            "DELETE FROM npm_published WHERE registry_id = :registry AND package_name IN (:names)";
    private static final String REMAINING = "SELECT v.id, v.version FROM version v JOIN npm_version n"
            + " ON n.version_id = v.id WHERE v.package_id = :package AND v.id <> :deleted";

    @Override
    public Format format() {
        return Format.NPM;
    }

    @Override
    public Mono<Void> versionCopied(DatabaseClient client, CopiedVersion copy, Instant now) {
        LockedPackage target = copy.target();
        return client.sql(COPY_VERSION)
                .bind("target", copy.targetVersionId())
                .bind("source", copy.sourceVersionId())
                .fetch()
                .rowsUpdated()
                .flatMap(copied -> copied == 0
                        ? Mono.<Void>empty()
                        : client.sql(VERSION_NAME)
                                .bind("id", copy.targetVersionId())
                                .map(row -> Sql.text(row, "version"))
                                .one()
                                .flatMap(version -> published(client, target, version, now)
                                        .then(packageRow(client, target, copy.sourceVersionId(), now))
                                        .then(latestAfterCopy(client, target, copy.targetVersionId(), version, now))));
    }

    private static Mono<Void> published(DatabaseClient client, LockedPackage target, String version, Instant now) {
        return client.sql(PUBLISHED_EXISTS)
                .bind("registry", target.registryId())
                .bind("name", target.name())
                .bind("version", version)
                .map(row -> true)
                .first()
                .switchIfEmpty(client.sql(INSERT_PUBLISHED)
                        .bind("registry", target.registryId())
                        .bind("name", target.name())
                        .bind("version", version)
                        .bind("now", Sql.time(now))
                        .then()
                        .thenReturn(true))
                .then();
    }

    private static Mono<Void> packageRow(DatabaseClient client, LockedPackage target, long source, Instant now) {
        return client.sql(PACKAGE_EXISTS)
                .bind("package", target.id())
                .map(row -> true)
                .first()
                .flatMap(exists -> touch(client, target.id(), now).thenReturn(true))
                .switchIfEmpty(client.sql(COPY_PACKAGE)
                        .bind("target", target.id())
                        .bind("now", Sql.time(now))
                        .bind("source", source)
                        .fetch()
                        .rowsUpdated()
                        .flatMap(inserted -> inserted > 0
                                ? Mono.just(true)
                                : client.sql(INSERT_PACKAGE)
                                        .bind("package", target.id())
                                        .bind("now", Sql.time(now))
                                        .then()
                                        .thenReturn(true)))
                .then();
    }

    private static Mono<Void> latestAfterCopy(
            DatabaseClient client, LockedPackage target, long versionId, String version, Instant now) {
        return latest(client, target.id())
                .map(current -> Optional.of(current.version()))
                .defaultIfEmpty(Optional.empty())
                .flatMap(current -> {
                    boolean higher = current.isEmpty()
                            || (!NpmName.SCHEME.isPrerelease(version)
                                    && (NpmName.SCHEME.isPrerelease(current.get())
                                            || NpmName.SCHEME.compare(version, current.get()) > 0));
                    return higher ? tag(client, target.id(), versionId, now) : Mono.empty();
                });
    }

    @Override
    public Mono<Void> versionDeleting(DatabaseClient client, LockedPackage pkg, long versionId, Instant now) {
        return touch(client, pkg.id(), now)
                .then(latest(client, pkg.id()))
                .filter(latest -> latest.versionId() == versionId)
                .flatMap(latest -> client.sql(REMAINING)
                        .bind("package", pkg.id())
                        .bind("deleted", versionId)
                        .map(row -> new Tagged(Sql.number(row, "id"), Sql.text(row, "version")))
                        .all()
                        .collectList()
                        .flatMap(remaining -> Mono.justOrEmpty(NpmName.SCHEME.latest(
                                        remaining.stream().map(Tagged::version).toList()))
                                .flatMap(highest -> remaining.stream()
                                        .filter(candidate -> candidate.version().equals(highest))
                                        .findFirst()
                                        .map(found -> tag(client, pkg.id(), found.versionId(), now))
                                        .orElse(Mono.empty()))));
    }

    private static Mono<Tagged> latest(DatabaseClient client, long packageId) {
        return client.sql(LATEST_TAG)
                .bind("package", packageId)
                .map(row -> new Tagged(Sql.number(row, "version_id"), Sql.text(row, "version")))
                .first();
    }

    private static Mono<Void> tag(DatabaseClient client, long packageId, long versionId, Instant now) {
        return client.sql("UPDATE tag SET version_id = :version, updated_at = :now"
                        + " WHERE package_id = :package AND name = 'latest'")
                .bind("version", versionId)
                .bind("now", Sql.time(now))
                .bind("package", packageId)
                .fetch()
                .rowsUpdated()
                .flatMap(updated -> updated > 0
                        ? Mono.<Void>empty()
                        : client.sql("INSERT INTO tag (package_id, name, version_id, updated_at)"
                                        + " VALUES (:package, 'latest', :version, :now)")
                                .bind("package", packageId)
                                .bind("version", versionId)
                                .bind("now", Sql.time(now))
                                .then());
    }

    private static Mono<Void> touch(DatabaseClient client, long packageId, Instant now) {
        return client.sql(TOUCH)
                .bind("now", Sql.time(now))
                .bind("package", packageId)
                .then();
    }

    @Override
    public List<FormatRowPurge> purges() {
        return List.of(new Published());
    }

    /**
     * The names and versions once published to the registry, a batch of packages at a time (its versions and packages
     * rows go with the core's, by cascade).
     */
    private static final class Published implements FormatRowPurge {

        @Override
        public String name() {
            return "npm.published";
        }

        @Override
        public Mono<Deleted> deleteBatch(DatabaseClient client, long registryId, int limit) {
            return client.sql(PUBLISHED_NAMES)
                    .bind("registry", registryId)
                    .bind("limit", limit)
                    .map(row -> Sql.text(row, "package_name"))
                    .all()
                    .collectList()
                    .flatMap(names -> names.isEmpty()
                            ? Mono.just(Deleted.NONE)
                            : client.sql(DELETE_PUBLISHED)
                                    .bind("registry", registryId)
                                    .bind("names", names)
                                    .fetch()
                                    .rowsUpdated()
                                    .map(rows -> new Deleted(rows, List.of())));
        }
    }

    private record Tagged(long versionId, String version) {}
}
