package dev.wharf.runtime.pypi;

import dev.wharf.api.v1alpha1.common.Format;
import dev.wharf.runtime.metadata.MetadataDatabase;
import dev.wharf.runtime.metadata.Sql;
import dev.wharf.runtime.version.VersionSchemes;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The PyPI tables: file names once uploaded ({@code pypi_filename}), the core metadata of each uploaded file
 * ({@code pypi_distribution}), and the rows a project page is rendered from. Writes join the caller's transaction.
 */
final class PypiDistributions {

    /** The version metadata key holding a yanked version's reason (PEP 592); an empty reason is allowed. */
    static final String YANKED = "pypi.yanked";

    private static final String USED =
            "SELECT sha256 FROM pypi_filename WHERE registry_id = :registry AND filename = :filename";
    private static final String RESERVE =
            "INSERT INTO pypi_filename (registry_id, filename, project, sha256, uploaded_at)"
                    + " VALUES (:registry, :filename, :project, :sha256, :now)";
    private static final String INSERT =
            "INSERT INTO pypi_distribution (version_id, filename, metadata_version, summary,"
                    + " license, requires_python, requires_dist, classifiers, md5, blake2_256, uploaded_at) VALUES (:version,"
                    + " :filename, :metadataVersion, :summary, :license, :requiresPython, :requiresDist, :classifiers, :md5,"
                    + " :blake2, :now)";
    private static final String STAMP = "SELECT p.id, p.updated_at,"
            + " (SELECT COUNT(*) FROM version v WHERE v.package_id = p.id AND v.upstream IS NULL) AS hosted,"
            + " (SELECT COUNT(*) FROM version_metadata m JOIN version v ON v.id = m.version_id"
            + " WHERE v.package_id = p.id AND m.entry_key = '" + YANKED + "') AS yanks,"
            + " (SELECT MAX(m.updated_at) FROM version_metadata m JOIN version v ON v.id = m.version_id"
            + " WHERE v.package_id = p.id AND m.entry_key = '" + YANKED + "') AS yanked_at"
            + " FROM package p WHERE p.registry_id = :registry AND p.name = :name";
    private static final String FILES = "SELECT v.version, f.path, f.blob_digest, f.size_bytes, f.created_at,"
            + " d.requires_python, m.entry_value AS yanked, md.blob_digest AS metadata_digest"
            + " FROM version v JOIN file f ON f.version_id = v.id"
            + " LEFT JOIN pypi_distribution d ON d.version_id = v.id AND d.filename = f.path"
            + " LEFT JOIN version_metadata m ON m.version_id = v.id AND m.entry_key = '" + YANKED + "'"
            + " LEFT JOIN file md ON md.version_id = v.id AND md.path = CONCAT(f.path, '.metadata')"
            + " WHERE v.package_id = :package AND f.path NOT LIKE '%.metadata' ORDER BY f.path";
    private static final String PROJECTS = "SELECT p.name FROM package p WHERE p.registry_id = :registry"
            + " AND EXISTS (SELECT 1 FROM version v WHERE v.package_id = p.id) ORDER BY p.name";
    private static final String HOSTED = "SELECT 1 FROM package p JOIN version v ON v.package_id = p.id"
            + " WHERE p.registry_id = :registry AND p.name = :name AND v.upstream IS NULL LIMIT 1";

    private static final String UPSTREAM_TIME = "INSERT INTO pypi_upstream_file (version_id, filename, upstream,"
            + " uploaded_at, told_by) VALUES (:version, :filename, :upstream, :at, :toldBy) ON CONFLICT DO NOTHING";
    private static final String PUBLISHED = "UPDATE version SET published_at = :at WHERE id = :version"
            + " AND (published_at IS NULL OR published_at > :at)";

    private static final String VERSIONS = "SELECT v.id, v.version FROM version v WHERE v.package_id = :package";
    private static final String MAKE_LATEST = "UPDATE package SET latest_version_id = :version WHERE id = :package";

    private final DatabaseClient client;

    PypiDistributions(MetadataDatabase database) {
        this.client = database.client();
    }

    /** The sha256 of the file once uploaded under {@code filename} to the registry; empty when the name is unused. */
    Mono<String> used(long registryId, String filename) {
        return client.sql(USED)
                .bind("registry", registryId)
                .bind("filename", filename)
                .map(row -> Sql.text(row, "sha256"))
                .one();
    }

    /** Records that {@code filename} was uploaded, for good. */
    Mono<Void> reserve(long registryId, String filename, String project, String sha256, Instant now) {
        return client.sql(RESERVE)
                .bind("registry", registryId)
                .bind("filename", filename)
                .bind("project", project)
                .bind("sha256", sha256)
                .bind("now", Sql.time(now))
                .then();
    }

    /** Keeps the core metadata of an uploaded file of the version. */
    Mono<Void> insert(
            long versionId,
            String filename,
            CoreMetadata metadata,
            @Nullable String md5,
            @Nullable String blake2,
            Instant now) {
        return client.sql(INSERT)
                .bind("version", versionId)
                .bind("filename", filename)
                .bind("metadataVersion", cut(metadata.metadataVersion(), 16))
                .bind("summary", Sql.nullableText(truncated(metadata.summary(), 512)))
                .bind("license", Sql.nullableText(truncated(metadata.license(), 4096)))
                .bind("requiresPython", Sql.nullableText(truncated(metadata.requiresPython(), 255)))
                .bind("requiresDist", Sql.nullableText(lines(metadata.requiresDist())))
                .bind("classifiers", Sql.nullableText(lines(metadata.classifiers())))
                .bind("md5", Sql.nullableText(md5))
                .bind("blake2", Sql.nullableText(blake2))
                .bind("now", Sql.time(now))
                .then();
    }

    /**
     * Keeps when the upstream says a file kept from it was uploaded ({@code toldBy}: {@code upload-time} or {@code
     * last-modified}); its version's publish time becomes the earliest of its files'.
     */
    Mono<Void> upstreamTime(long versionId, String filename, String upstream, Instant at, String toldBy) {
        return client.sql(UPSTREAM_TIME)
                .bind("version", versionId)
                .bind("filename", filename)
                .bind("upstream", upstream)
                .bind("at", Sql.time(at))
                .bind("toldBy", toldBy)
                .then()
                .then(client.sql(PUBLISHED)
                        .bind("at", Sql.time(at))
                        .bind("version", versionId)
                        .then());
    }

    /**
     * Makes the package's latest version the highest by PEP 440 that is not a prerelease (the highest prerelease when
     * all are), rather than the last pushed; joins the caller's transaction, which holds the package's lock.
     */
    static Mono<Void> latestByPep440(DatabaseClient client, long packageId) {
        return client.sql(VERSIONS)
                .bind("package", packageId)
                .map(row -> Map.entry(Sql.text(row, "version"), Sql.number(row, "id")))
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue)
                .flatMap(versions -> Mono.justOrEmpty(
                                VersionSchemes.of(Format.PYPI).latest(versions.keySet()))
                        .flatMap(latest -> client.sql(MAKE_LATEST)
                                .bind("version", java.util.Objects.requireNonNull(versions.get(latest)))
                                .bind("package", packageId)
                                .then()));
    }

    /** {@link #latestByPep440} for the package of the version. */
    Mono<Void> latestByPep440OfVersion(long versionId) {
        return client.sql("SELECT package_id FROM version WHERE id = :version")
                .bind("version", versionId)
                .map(row -> Sql.number(row, "package_id"))
                .one()
                .flatMap(packageId -> latestByPep440(client, packageId));
    }

    /** What a project page depends on; empty when the registry has no such project. */
    Mono<PageStamp> stamp(long registryId, String project) {
        return client.sql(STAMP)
                .bind("registry", registryId)
                .bind("name", project)
                .map(row -> new PageStamp(
                        Sql.number(row, "id"),
                        Sql.instant(row, "updated_at"),
                        Sql.number(row, "hosted") > 0,
                        Sql.number(row, "yanks"),
                        Sql.nullableInstant(row, "yanked_at")))
                .one();
    }

    /** Whether the registry holds content of its own (pushed, not from an upstream) for the project. */
    Mono<Boolean> hosted(long registryId, String project) {
        return client.sql(HOSTED)
                .bind("registry", registryId)
                .bind("name", project)
                .map(row -> true)
                .one()
                .defaultIfEmpty(false);
    }

    /** The distribution files of the package, by name, each with what its page link shows. */
    Flux<StoredDistribution> files(long packageId) {
        return client.sql(FILES)
                .bind("package", packageId)
                .map(row -> new StoredDistribution(
                        Sql.text(row, "version"),
                        Sql.text(row, "path"),
                        hex(Sql.text(row, "blob_digest")),
                        Sql.number(row, "size_bytes"),
                        Sql.instant(row, "created_at"),
                        Sql.nullableText(row, "requires_python"),
                        Sql.nullableText(row, "yanked"),
                        hexOrNull(Sql.nullableText(row, "metadata_digest"))))
                .all();
    }

    /** The registry's projects that have a version, by name. */
    Flux<String> projects(long registryId) {
        return client.sql(PROJECTS)
                .bind("registry", registryId)
                .map(row -> Sql.text(row, "name"))
                .all();
    }

    /**
     * What a project page depends on: a change to any of it renders the page anew.
     *
     * @param packageId the package's row id
     * @param updatedAt when a file or version of it last changed
     * @param hosted whether it has a version pushed here
     * @param yanks how many versions are yanked
     * @param yankedAt when a yank last changed
     */
    record PageStamp(
            long packageId,
            Instant updatedAt,
            boolean hosted,
            long yanks,
            @Nullable Instant yankedAt) {}

    /**
     * A stored distribution file as its project page lists it.
     *
     * @param version its version
     * @param filename its file name
     * @param sha256 its sha256 in hex
     * @param size its size in bytes
     * @param uploadedAt when it was stored
     * @param requiresPython its {@code Requires-Python}, or null
     * @param yanked its version's yank reason, or null when not yanked
     * @param metadataSha256 the sha256 of its core metadata file, or null when it has none
     */
    record StoredDistribution(
            String version,
            String filename,
            String sha256,
            long size,
            Instant uploadedAt,
            @Nullable String requiresPython,
            @Nullable String yanked,
            @Nullable String metadataSha256) {}

    private static String hex(String digest) {
        return digest.substring(digest.indexOf(':') + 1);
    }

    private static @Nullable String hexOrNull(@Nullable String digest) {
        return digest == null ? null : hex(digest);
    }

    private static @Nullable String lines(List<String> values) {
        return values.isEmpty() ? null : truncated(String.join("\n", values), 65536);
    }

    private static String cut(String value, int max) {
        return value.length() <= max ? value : value.substring(0, max);
    }

    private static @Nullable String truncated(@Nullable String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
