package dev.wharf.runtime.metadata;

import dev.wharf.runtime.EarlyWork;
import dev.wharf.runtime.WharfProperties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationListener;

/**
 * Starts migrating the metadata schema as soon as the settings are known, on a thread of its own, so that the
 * migration runs while Spring builds the application context rather than after; {@link MetadataDatabase#open} then
 * waits for it instead of migrating. Registered in {@code META-INF/spring.factories}.
 *
 * <p>Settings that cannot be read are left to the {@code metadataDatabase} bean, which reports them; a migration that
 * fails is reported by {@link MetadataDatabase#open} as if it had run there.
 */
public final class EarlyMigration implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

    private static final EarlyWork<DatabaseSettings, MigratedSchema> MIGRATIONS =
            new EarlyWork<>("wharf-schema-migration");

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        DatabaseSettings settings;
        try {
            Binder binder = Binder.get(event.getEnvironment());
            settings = DatabaseSettings.resolve(
                    binder.bindOrCreate("wharf.database", DatabaseProperties.class),
                    binder.bindOrCreate("wharf", WharfProperties.class).dataDir());
        } catch (RuntimeException e) {
            return;
        }
        MIGRATIONS.start(settings, () -> MetadataSchema.migrate(settings));
    }

    /** The outcome of the migration started for {@code settings}, waited for; or a migration run now when none was. */
    static MigratedSchema migrate(DatabaseSettings settings) {
        return MIGRATIONS.take(settings).map(EarlyMigration::join).orElseGet(() -> MetadataSchema.migrate(settings));
    }

    private static MigratedSchema join(CompletableFuture<MigratedSchema> migration) {
        try {
            return migration.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException failure ? failure : e;
        }
    }
}
