package dev.wharf.runtime.proxy;

import dev.wharf.runtime.metadata.DatabaseProperties;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;

/** The documents kept in a database of their own on the test services' PostgreSQL, dropped afterwards. */
class PersistedDocumentOnPostgresTest extends PersistedDocumentTest {

    private final List<String> databases = new CopyOnWriteArrayList<>();

    @Override
    EngineFixture newFixture(Path dir, CacheLimits limits) {
        String name = "wharf_proxy_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
        execute("CREATE DATABASE " + name);
        databases.add(name);
        String url = "r2dbc:postgresql://" + env("WHARF_TEST_PG_HOST") + ":" + env("WHARF_TEST_PG_PORT") + "/" + name;
        return new EngineFixture(
                dir,
                limits,
                new DatabaseProperties(
                        url,
                        env("WHARF_TEST_PG_USER"),
                        env("WHARF_TEST_PG_PASSWORD"),
                        null,
                        10,
                        Duration.ofSeconds(10)));
    }

    @AfterEach
    void dropDatabases() {
        databases.forEach(name -> execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)"));
    }

    private static void execute(String sql) {
        try (Connection connection = DriverManager.getConnection(
                        env("WHARF_TEST_PG_JDBC_URL"), env("WHARF_TEST_PG_USER"), env("WHARF_TEST_PG_PASSWORD"));
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot run '" + sql + "': " + e.getMessage(), e);
        }
    }

    private static String env(String name) {
        return Objects.requireNonNull(System.getenv(name), name + " is not set: eval \"$(scripts/test-services env)\"");
    }
}
