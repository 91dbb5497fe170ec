package dev.wharf.runtime.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.runtime.WharfRuntimeApplication;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.bootstrap.DefaultBootstrapContext;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class EarlyMigrationTest {

    @Test
    void theDatabaseOpenedWithTheSettingsOfTheEventUsesTheMigrationStartedThen(@TempDir Path dataDir) {
        StandardEnvironment environment = environment(dataDir);
        new EarlyMigration().onApplicationEvent(event(environment));
        DatabaseSettings settings = DatabaseSettings.resolve(
                new DatabaseProperties(null, null, null, null, 10, Duration.ofSeconds(10)), dataDir);

        MigratedSchema early = EarlyMigration.migrate(settings);
        MigratedSchema again = EarlyMigration.migrate(settings);

        assertThat(early.migrationsApplied()).isEqualTo(MigrationFiles.count());
        assertThat(again.migrationsApplied())
                .as("the early migration is used once, then migrating is direct")
                .isZero();
    }

    @Test
    void settingsThatCannotBeReadAreLeftToTheDatabaseBean(@TempDir Path dataDir) {
        StandardEnvironment environment = environment(dataDir);
        environment.getPropertySources().addFirst(new MapPropertySource("bad", Map.of("wharf.database.url", "nope:x")));

        new EarlyMigration().onApplicationEvent(event(environment));

        DatabaseSettings embedded = DatabaseSettings.resolve(
                new DatabaseProperties(null, null, null, null, 10, Duration.ofSeconds(10)), dataDir);
        assertThat(EarlyMigration.migrate(embedded).migrationsApplied())
                .as("nothing was started for the embedded database")
                .isEqualTo(MigrationFiles.count());
    }

    private static StandardEnvironment environment(Path dataDir) {
        StandardEnvironment environment = new StandardEnvironment();
        environment
                .getPropertySources()
                .addFirst(new MapPropertySource("test", Map.of("wharf.data-dir", dataDir.toString())));
        return environment;
    }

    private static ApplicationEnvironmentPreparedEvent event(StandardEnvironment environment) {
        return new ApplicationEnvironmentPreparedEvent(
                new DefaultBootstrapContext(),
                new SpringApplication(WharfRuntimeApplication.class),
                new String[0],
                environment);
    }
}
