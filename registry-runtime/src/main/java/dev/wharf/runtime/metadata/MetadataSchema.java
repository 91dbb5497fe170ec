package dev.wharf.runtime.metadata;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings the metadata schema up to date with the Flyway migrations in {@code classpath:db/migration}, over JDBC, before
 * anything reads through R2DBC. Idempotent: a database already up to date is left alone. Several replicas starting
 * together on PostgreSQL are serialised by Flyway's lock.
 */
public final class MetadataSchema {

    /** Where the migrations are. */
    public static final String LOCATION = "classpath:db/migration";

    private MetadataSchema() {}

    /**
     * Applies the pending migrations.
     *
     * @throws IllegalStateException naming the database when it cannot be reached or a migration fails
     */
    public static MigratedSchema migrate(DatabaseSettings settings) {
        Flyway flyway = Flyway.configure(MetadataSchema.class.getClassLoader())
                .dataSource(settings.url().jdbcUrl(), settings.username(), settings.password())
                .locations(LOCATION)
                .failOnMissingLocations(true)
                .validateMigrationNaming(true)
                .cleanDisabled(true)
                .load();
        try {
            MigrateResult result = flyway.migrate();
            return new MigratedSchema(
                    settings.url().description(),
                    result.initialSchemaVersion,
                    result.targetSchemaVersion == null ? result.initialSchemaVersion : result.targetSchemaVersion,
                    result.migrationsExecuted);
        } catch (FlywayException e) {
            throw new IllegalStateException(
                    "cannot migrate the metadata schema of " + settings.url().description() + ": " + e.getMessage(), e);
        }
    }
}
