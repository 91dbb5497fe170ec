package dev.wharf.runtime.pypi;

import dev.wharf.api.v1alpha1.common.Format;
import dev.wharf.runtime.metadata.CopiedVersion;
import dev.wharf.runtime.metadata.FormatRowPurge;
import dev.wharf.runtime.metadata.FormatRows;
import dev.wharf.runtime.metadata.LockedPackage;
import dev.wharf.runtime.metadata.Sql;
import java.time.Instant;
import java.util.List;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/**
 * What the PyPI tables do when the core copies, deletes or purges: a copied version takes its files' core metadata
 * and upstream upload times with it, and its file names are then taken in the target registry too (a name means the same bytes everywhere it
 * was uploaded); every change tells the kept pages at once ({@link PageChanges}); a deleted version's metadata goes with it (its rows cascade) while its file names stay taken, as
 * PyPI keeps them; a purge forgets the registry's file names as well.
 */
final class PypiRows implements FormatRows {

    private static final String COPY_DISTRIBUTIONS = "INSERT INTO pypi_distribution (version_id, filename,"
            + " metadata_version, summary, license, requires_python, requires_dist, classifiers, md5, blake2_256,"
            + " uploaded_at) SELECT :target, d.filename, d.metadata_version, d.summary, d.license, d.requires_python,"
            + " d.requires_dist, d.classifiers, d.md5, d.blake2_256, d.uploaded_at FROM pypi_distribution d"
            + " WHERE d.version_id = :source AND NOT EXISTS (SELECT 1 FROM pypi_distribution t"
            + " WHERE t.version_id = :target AND t.filename = d.filename)";
    private static final String COPY_UPSTREAM_TIMES = "INSERT INTO pypi_upstream_file (version_id, filename,"
            + " upstream, uploaded_at, told_by) SELECT :target, u.filename, u.upstream, u.uploaded_at, u.told_by"
            + " FROM pypi_upstream_file u WHERE u.version_id = :source AND NOT EXISTS (SELECT 1 FROM"
            + " pypi_upstream_file t WHERE t.version_id = :target AND t.filename = u.filename)";
    private static final String TAKE_NAMES = "INSERT INTO pypi_filename (registry_id, filename, project, sha256,"
            + " uploaded_at) SELECT :registry, f.path, :project, SUBSTRING(f.blob_digest, 8), :now FROM file f"
            + " WHERE f.version_id = :target AND f.path NOT LIKE '%.metadata' AND NOT EXISTS (SELECT 1 FROM"
            + " pypi_filename n WHERE n.registry_id = :registry AND n.filename = f.path)";
    private static final String NAMES =
            "SELECT filename FROM pypi_filename WHERE registry_id = :registry" + " ORDER BY filename LIMIT :limit";
    private static final String DELETE_NAMES =
            "DELETE FROM pypi_filename WHERE registry_id = :registry AND filename IN (:names)";

    private final PageChanges pages;

    PypiRows(PageChanges pages) {
        this.pages = pages;
    }

    @Override
    public Format format() {
        return Format.PYPI;
    }

    @Override
    public Mono<Void> versionDeleting(DatabaseClient client, LockedPackage pkg, long versionId, Instant now) {
        return Mono.fromRunnable(() -> pages.changed(pkg.registryId(), pkg.name()));
    }

    @Override
    public Mono<Void> packageDeleting(DatabaseClient client, LockedPackage pkg, Instant now) {
        return Mono.fromRunnable(() -> pages.changed(pkg.registryId(), pkg.name()));
    }

    @Override
    public Mono<Void> versionCopied(DatabaseClient client, CopiedVersion copy, Instant now) {
        pages.changed(copy.target().registryId(), copy.target().name());
        return client.sql(COPY_DISTRIBUTIONS)
                .bind("source", copy.sourceVersionId())
                .bind("target", copy.targetVersionId())
                .then()
                .then(client.sql(COPY_UPSTREAM_TIMES)
                        .bind("source", copy.sourceVersionId())
                        .bind("target", copy.targetVersionId())
                        .then())
                .then(client.sql(TAKE_NAMES)
                        .bind("registry", copy.target().registryId())
                        .bind("project", copy.target().name())
                        .bind("now", Sql.time(now))
                        .bind("target", copy.targetVersionId())
                        .then())
                .then(PypiDistributions.latestByPep440(client, copy.target().id()));
    }

    @Override
    public List<FormatRowPurge> purges() {
        return List.of(new FileNames());
    }

    /** The file names once uploaded to the registry, a batch at a time. */
    private static final class FileNames implements FormatRowPurge {

        @Override
        public String name() {
            return "pypi.fileNames";
        }

        @Override
        public Mono<Deleted> deleteBatch(DatabaseClient client, long registryId, int limit) {
            return client.sql(NAMES)
                    .bind("registry", registryId)
                    .bind("limit", limit)
                    .map(row -> Sql.text(row, "filename"))
                    .all()
                    .collectList()
                    .flatMap(names -> names.isEmpty()
                            ? Mono.just(Deleted.NONE)
                            : client.sql(DELETE_NAMES)
                                    .bind("registry", registryId)
                                    .bind("names", names)
                                    .fetch()
                                    .rowsUpdated()
                                    .map(rows -> new Deleted(rows, List.of())));
        }
    }
}
