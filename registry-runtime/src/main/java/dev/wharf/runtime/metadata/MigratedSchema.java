package dev.wharf.runtime.metadata;

import org.jspecify.annotations.Nullable;

/**
 * What a schema migration at start did.
 *
 * @param database the database, as {@link DatabaseUrl#description()} shows it
 * @param fromVersion the schema version found, null for an empty database
 * @param version the schema version now
 * @param migrationsApplied how many migrations ran; 0 when the schema was up to date
 */
public record MigratedSchema(
        String database,
        @Nullable String fromVersion,
        @Nullable String version,
        int migrationsApplied) {}
