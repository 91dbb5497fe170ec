package dev.wharf.runtime.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.runtime.WharfProperties;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** {@link MetadataBeans}: the database opened from {@code wharf.*} settings, the repositories and the health. */
class MetadataBeansTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path dataDir;

    private ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withUserConfiguration(MetadataBeans.class)
                .withBean(WharfProperties.class, () -> new WharfProperties(null, dataDir));
    }

    @Test
    void beansWhenNoUrlIsSetShouldOpenTheEmbeddedDatabaseUnderTheDataDir() {
        runner().run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(MetadataDatabase.class).description())
                    .isEqualTo("H2 file:" + dataDir.toAbsolutePath().resolve("metadata/wharf"));
            assertThat(dataDir.resolve("metadata/wharf.mv.db")).exists();
            assertThat(context)
                    .hasSingleBean(Registries.class)
                    .hasSingleBean(Packages.class)
                    .hasSingleBean(Versions.class)
                    .hasSingleBean(Files.class)
                    .hasSingleBean(Tags.class)
                    .hasSingleBean(MetadataEntries.class)
                    .hasSingleBean(AuditTrail.class)
                    .hasSingleBean(DownloadCounter.class)
                    .hasSingleBean(ApiTokenRepository.class);
        });
    }

    @Test
    void healthWhenDatabaseAnswersShouldBeUpWithTheDatabase() {
        runner().run(context -> {
            Health health = health(context.getBean("metadataHealthIndicator", ReactiveHealthIndicator.class));

            assertThat(health.getStatus()).as("%s", health.getDetails()).isEqualTo(Status.UP);
            assertThat(health.getDetails())
                    .containsEntry(
                            "database", context.getBean(MetadataDatabase.class).description());
        });
    }

    @Test
    void healthWhenDatabaseIsClosedShouldBeDown() {
        runner().run(context -> {
            MetadataDatabase database = context.getBean(MetadataDatabase.class);
            database.close();

            Health health = health(context.getBean("metadataHealthIndicator", ReactiveHealthIndicator.class));

            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
            assertThat(health.getDetails())
                    .containsEntry("database", database.description())
                    .containsKey("error");
        });
    }

    @Test
    void beansWhenUrlIsSetShouldUseIt() {
        runner().withPropertyValues("wharf.database.url=r2dbc:h2:file://" + dataDir.resolve("elsewhere/db"))
                .run(context -> assertThat(
                                context.getBean(MetadataDatabase.class).description())
                        .isEqualTo("H2 file:" + dataDir.resolve("elsewhere/db")));
    }

    private static Health health(ReactiveHealthIndicator indicator) {
        return indicator.health().block(TIMEOUT);
    }
}
