package dev.wharf.runtime.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded default: an H2 file database under the data directory, kept across restarts. */
class H2FileDatabaseTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path tempDir;

    @Test
    void openWhenDataDirHoldsSpacesAndPercentShouldKeepTheDataAcrossRestarts() {
        DatabaseSettings settings = DatabaseSettings.resolve(properties(null), tempDir.resolve("my data 100%"));
        try (MetadataDatabase first = MetadataDatabase.open(settings)) {
            new Registries(first, Clock.systemUTC()).ensure("npm", "npm").block(TIMEOUT);
        }

        try (MetadataDatabase second = MetadataDatabase.open(settings)) {
            assertThat(new Registries(second, Clock.systemUTC()).find("npm").block(TIMEOUT))
                    .extracting(RegistryRecord::format)
                    .isEqualTo("npm");
        }
        assertThat(tempDir.resolve("my data 100%/metadata/wharf.mv.db")).exists();
        assertThat(MetadataSchema.migrate(settings).migrationsApplied()).isZero();
    }

    @Test
    void openWhenPasswordIsWrongShouldNeverShowIt() {
        Path dataDir = tempDir.resolve("data");
        MetadataDatabase.open(DatabaseSettings.resolve(properties("right-password"), dataDir))
                .close();

        assertThatThrownBy(() -> MetadataDatabase.open(DatabaseSettings.resolve(properties("wrong-pw-123"), dataDir)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("cannot migrate the metadata schema of H2 file:")
                .satisfies(e -> assertThat(stackTrace(e)).doesNotContain("wrong-pw-123"));
    }

    private static DatabaseProperties properties(String password) {
        return new DatabaseProperties(null, null, password, null, 2, Duration.ofSeconds(10));
    }

    private static String stackTrace(Throwable error) {
        StringWriter out = new StringWriter();
        error.printStackTrace(new PrintWriter(out));
        return out.toString();
    }
}
