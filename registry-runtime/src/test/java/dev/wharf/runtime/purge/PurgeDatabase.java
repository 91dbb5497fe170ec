package dev.wharf.runtime.purge;

import static org.assertj.core.api.Assertions.fail;

import dev.wharf.runtime.metadata.DatabaseSettings;
import dev.wharf.runtime.metadata.DatabaseUrl;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * An empty metadata database for one test: in-memory H2, or a database created on the test services' PostgreSQL (from
 * the {@code WHARF_TEST_PG_*} variables) and dropped on close.
 */
final class PurgeDatabase implements AutoCloseable {

    private final DatabaseSettings settings;
    private final @Nullable String drop;

    private PurgeDatabase(DatabaseSettings settings, @Nullable String drop) {
        this.settings = settings;
        this.drop = drop;
    }

    static PurgeDatabase h2() {
        return new PurgeDatabase(settings("r2dbc:h2:mem:///wharf-purge-" + UUID.randomUUID(), "sa", ""), null);
    }

    static PurgeDatabase postgres() {
        String name = "wharf_purge_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
        execute("CREATE DATABASE " + name);
        return new PurgeDatabase(
                settings(
                        "r2dbc:postgresql://" + env("WHARF_TEST_PG_HOST") + ":" + env("WHARF_TEST_PG_PORT") + "/"
                                + name,
                        env("WHARF_TEST_PG_USER"),
                        env("WHARF_TEST_PG_PASSWORD")),
                "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    DatabaseSettings settings() {
        return settings;
    }

    @Override
    public void close() {
        if (drop != null) {
            execute(drop);
        }
    }

    private static DatabaseSettings settings(String url, String user, String password) {
        return new DatabaseSettings(DatabaseUrl.parse(url), user, password, 5, Duration.ofSeconds(10));
    }

    private static void execute(String sql) {
        String admin = "jdbc:postgresql://" + env("WHARF_TEST_PG_HOST") + ":" + env("WHARF_TEST_PG_PORT") + "/"
                + env("WHARF_TEST_PG_DATABASE");
        try (Connection connection =
                        DriverManager.getConnection(admin, env("WHARF_TEST_PG_USER"), env("WHARF_TEST_PG_PASSWORD"));
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot run '" + sql + "': " + e.getMessage(), e);
        }
    }

    static String env(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            fail("the purge tests on PostgreSQL and S3 need " + name + ": run `scripts/test-services start` and then"
                    + " `eval \"$(scripts/test-services env)\"` in this shell (scripts/test does both)");
        }
        return value;
    }
}
