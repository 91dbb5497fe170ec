package dev.wharf.runtime.metadata;

import io.r2dbc.spi.Readable;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The SQL that reads packages with their figures in one query: the counts and sums come from one aggregate over the
 * registry's versions (whose size and download figures are the sums of their files'), joined to the packages.
 */
final class PackageListing {

    private static final String SELECT = "SELECT p.id, p.registry_id, p.name, p.created_at, p.updated_at,"
            + " lv.version AS latest_version, COALESCE(s.version_count, 0) AS version_count,"
            + " COALESCE(s.size_bytes, 0) AS size_bytes, COALESCE(s.download_count, 0) AS download_count,"
            + " s.last_downloaded_at"
            + " FROM package p"
            + " LEFT JOIN version lv ON lv.id = p.latest_version_id"
            + " LEFT JOIN (SELECT v.package_id, COUNT(*) AS version_count, SUM(v.size_bytes) AS size_bytes,"
            + " SUM(v.download_count) AS download_count, MAX(v.last_downloaded_at) AS last_downloaded_at"
            + " FROM version v JOIN package vp ON vp.id = v.package_id WHERE vp.registry_id = :registry"
            + " GROUP BY v.package_id) s ON s.package_id = p.id"
            + " WHERE p.registry_id = :registry";

    /** One package by name. */
    static final String FIND = SELECT + " AND p.name = :name";

    private static final String NAME_FILTER = " AND LOWER(p.name) LIKE :pattern ESCAPE '!'";
    private static final String COUNT = "SELECT COUNT(*) AS total FROM package p WHERE p.registry_id = :registry";

    private PackageListing() {}

    /** One page; binds {@code registry}, {@code pattern} when filtered, {@code limit} and {@code offset}. */
    static String page(PackageQuery query) {
        String direction = query.descending() ? " DESC" : " ASC";
        String order = switch (query.sort()) {
            case NAME -> "p.name" + direction;
            case CREATED -> "p.created_at" + direction + ", p.name";
            case UPDATED -> "p.updated_at" + direction + ", p.name";
            case DOWNLOADS -> "download_count" + direction + ", p.name";
            case SIZE -> "size_bytes" + direction + ", p.name";
        };
        return SELECT + filter(query) + " ORDER BY " + order + " LIMIT :limit OFFSET :offset";
    }

    /** How many packages match; binds {@code registry} and {@code pattern} when filtered. */
    static String count(PackageQuery query) {
        return COUNT + filter(query);
    }

    /** The LIKE pattern for the query's filter, null when it has none; {@code %} and {@code _} match literally. */
    static @Nullable String pattern(PackageQuery query) {
        String contains = query.nameContains();
        if (contains == null || contains.isEmpty()) {
            return null;
        }
        String escaped = contains.toLowerCase(Locale.ROOT)
                .replace("!", "!!")
                .replace("%", "!%")
                .replace("_", "!_");
        return "%" + escaped + "%";
    }

    static PackageRecord map(Readable row) {
        return new PackageRecord(
                Sql.number(row, "id"),
                Sql.number(row, "registry_id"),
                Sql.text(row, "name"),
                Sql.instant(row, "created_at"),
                Sql.instant(row, "updated_at"),
                Sql.nullableText(row, "latest_version"),
                Sql.number(row, "version_count"),
                Sql.number(row, "size_bytes"),
                Sql.number(row, "download_count"),
                Sql.nullableInstant(row, "last_downloaded_at"));
    }

    private static String filter(PackageQuery query) {
        return pattern(query) == null ? "" : NAME_FILTER;
    }
}
