package dev.wharf.runtime.metadata;

import dev.wharf.runtime.storage.Digest;
import io.r2dbc.spi.Readable;
import java.util.List;
import java.util.stream.Collectors;

/** Reads file rows as {@link FileRecord}s. */
final class FileRows {

    private static final List<String> NAMES = List.of(
            "id",
            "version_id",
            "path",
            "blob_digest",
            "size_bytes",
            "content_type",
            "created_at",
            "download_count",
            "last_downloaded_at");

    /** The prefix of the columns in {@link #ALIASED_COLUMNS}. */
    private static final String ALIAS = "file_";

    /** The columns {@link #map} reads, of the table aliased {@code f}. */
    static final String COLUMNS = NAMES.stream().map(name -> "f." + name).collect(Collectors.joining(", "));

    /**
     * The same columns renamed {@code file_<column>}, for a query that selects another table's columns of the same
     * names; read by {@link #mapAliased}.
     */
    static final String ALIASED_COLUMNS =
            NAMES.stream().map(name -> "f." + name + " AS " + ALIAS + name).collect(Collectors.joining(", "));

    private FileRows() {}

    static FileRecord map(Readable row) {
        return map(row, "");
    }

    static FileRecord mapAliased(Readable row) {
        return map(row, ALIAS);
    }

    private static FileRecord map(Readable row, String prefix) {
        return new FileRecord(
                Sql.number(row, prefix + "id"),
                Sql.number(row, prefix + "version_id"),
                Sql.text(row, prefix + "path"),
                Digest.parse(Sql.text(row, prefix + "blob_digest")),
                Sql.number(row, prefix + "size_bytes"),
                Sql.text(row, prefix + "content_type"),
                Sql.instant(row, prefix + "created_at"),
                Sql.number(row, prefix + "download_count"),
                Sql.nullableInstant(row, prefix + "last_downloaded_at"));
    }
}
