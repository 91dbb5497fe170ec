package dev.wharf.runtime.metadata;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Where the metadata database is: parsed from the R2DBC URL of {@code wharf.database.url}, from which the JDBC URL
 * Flyway migrates through is derived. Neither URL ever carries a password: a URL that holds one is refused.
 */
public sealed interface DatabaseUrl permits H2DatabaseUrl, PostgresDatabaseUrl {

    /** The R2DBC URL, normalised: default settings added, no credentials. */
    String r2dbcUrl();

    /** The JDBC URL of the same database, without credentials. */
    String jdbcUrl();

    /** What to show in logs and messages, such as {@code PostgreSQL db.example:5432/wharf}. */
    String description();

    /**
     * Parses an R2DBC URL: {@code r2dbc:postgresql://host[:port]/database[?option=value&...]} (the libpq form
     * {@code postgresql://...} and {@code jdbc:postgresql://...} are read the same way), or
     * {@code r2dbc:h2:file:///absolute/path[;SETTING=value...]} or {@code r2dbc:h2:mem:///name}.
     *
     * @throws IllegalArgumentException saying what is wrong; the message never repeats the URL, which could hold a
     *     password
     */
    static DatabaseUrl parse(String url) {
        String trimmed = url.strip();
        String lower = trimmed.toLowerCase(Locale.ROOT);
        if (lower.startsWith(H2DatabaseUrl.PREFIX)) {
            return H2DatabaseUrl.parse(trimmed.substring(H2DatabaseUrl.PREFIX.length()));
        }
        if (PostgresDatabaseUrl.accepts(lower)) {
            return PostgresDatabaseUrl.parse(trimmed);
        }
        if (lower.startsWith("r2dbc:pool:")) {
            throw new IllegalArgumentException("wharf.database.url must name the database driver directly, as in"
                    + " r2dbc:postgresql://host:5432/wharf: Wharf pools connections itself (wharf.database"
                    + ".max-connections)");
        }
        throw new IllegalArgumentException("wharf.database.url is not a PostgreSQL or H2 R2DBC URL; write"
                + " r2dbc:postgresql://host:5432/database or r2dbc:h2:file:///absolute/path/wharf");
    }

    /** The embedded default: an H2 file database at {@code <dataDir>/metadata/wharf}, made absolute. */
    static DatabaseUrl embedded(Path dataDir) {
        return H2DatabaseUrl.file(
                dataDir.toAbsolutePath().normalize().resolve("metadata").resolve("wharf"));
    }

    /** The JDBC URL for an R2DBC URL, as {@link #parse} and {@link #jdbcUrl()} derive it. */
    static String jdbcUrlOf(String r2dbcUrl) {
        return parse(r2dbcUrl).jdbcUrl();
    }

    /** A description of {@code url} safe to log, or a placeholder when it does not parse. */
    static String describe(String url) {
        try {
            return parse(url).description();
        } catch (IllegalArgumentException e) {
            return "(an invalid URL)";
        }
    }
}
