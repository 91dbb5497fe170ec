package dev.wharf.runtime.metadata;

import dev.wharf.runtime.storage.Digest;
import io.r2dbc.spi.Readable;

/** Reads file rows as {@link FileRecord}s. */
final class FileRows {

    /** The columns {@link #map} reads, of the table aliased {@code f}. */
    static final String COLUMNS = "f.id, f.version_id, f.path, f.blob_digest, f.size_bytes, f.content_type,"
            + " f.created_at, f.download_count, f.last_downloaded_at";

    private FileRows() {}

    static FileRecord map(Readable row) {
        return new FileRecord(
                Sql.number(row, "id"),
                Sql.number(row, "version_id"),
                Sql.text(row, "path"),
                Digest.parse(Sql.text(row, "blob_digest")),
                Sql.number(row, "size_bytes"),
                Sql.text(row, "content_type"),
                Sql.instant(row, "created_at"),
                Sql.number(row, "download_count"),
                Sql.nullableInstant(row, "last_downloaded_at"));
    }
}
