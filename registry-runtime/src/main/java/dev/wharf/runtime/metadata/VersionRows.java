package dev.wharf.runtime.metadata;

import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/** Reads version rows as {@link VersionRecord}s. */
public final class VersionRows {

    /** The columns {@link #map} reads, of the table aliased {@code v}. */
    public static final String COLUMNS = "v.id, v.package_id, v.version, v.base_version, v.digest, v.artifact_type,"
            + " v.subject_digest, v.created_at, v.pushed_by, v.published_at, v.upstream, v.size_bytes,"
            + " v.download_count, v.last_downloaded_at";

    private static final String BY_ID = "SELECT " + COLUMNS + " FROM version v WHERE v.id = :id";

    private VersionRows() {}

    public static Mono<VersionRecord> find(DatabaseClient client, long versionId) {
        return client.sql(BY_ID).bind("id", versionId).map(VersionRows::map).one();
    }

    public static VersionRecord map(Readable row) {
        return new VersionRecord(
                Sql.number(row, "id"),
                Sql.number(row, "package_id"),
                Sql.text(row, "version"),
                Sql.nullableText(row, "base_version"),
                Sql.nullableText(row, "digest"),
                Sql.nullableText(row, "artifact_type"),
                Sql.nullableText(row, "subject_digest"),
                Sql.instant(row, "created_at"),
                Sql.nullableText(row, "pushed_by"),
                Sql.nullableInstant(row, "published_at"),
                Sql.nullableText(row, "upstream"),
                Sql.number(row, "size_bytes"),
                Sql.number(row, "download_count"),
                Sql.nullableInstant(row, "last_downloaded_at"));
    }
}
