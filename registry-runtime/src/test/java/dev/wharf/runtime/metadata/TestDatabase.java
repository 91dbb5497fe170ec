package dev.wharf.runtime.metadata;

import static org.assertj.core.api.Assertions.fail;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;

/**
 * An empty database of its own for one test class: an in-memory H2 database, or a database created for it on the
 * PostgreSQL of the test services (read from the {@code WHARF_TEST_PG_*} variables) and dropped afterwards.
 */
public final class TestDatabase implements AutoCloseable {

    private final DatabaseSettings settings;
    private final String dropStatement;
    private final String adminJdbcUrl;
    private final String adminUser;
    private final String adminPassword;

    private TestDatabase(
            DatabaseSettings settings,
            String dropStatement,
            String adminJdbcUrl,
            String adminUser,
            String adminPassword) {
        this.settings = settings;
        this.dropStatement = dropStatement;
        this.adminJdbcUrl = adminJdbcUrl;
        this.adminUser = adminUser;
        this.adminPassword = adminPassword;
    }

    /** A fresh in-memory H2 database, removed on close. */
    public static TestDatabase h2() {
        DatabaseUrl url = DatabaseUrl.parse("r2dbc:h2:mem:///wharf-meta-" + UUID.randomUUID());
        return new TestDatabase(settings(url, "sa", ""), "SHUTDOWN", url.jdbcUrl(), "sa", "");
    }

    /** A fresh database on the test services' PostgreSQL, dropped on close. */
    public static TestDatabase postgres() {
        String host = env("WHARF_TEST_PG_HOST");
        String port = env("WHARF_TEST_PG_PORT");
        String user = env("WHARF_TEST_PG_USER");
        String password = env("WHARF_TEST_PG_PASSWORD");
        String adminUrl = "jdbc:postgresql://" + host + ":" + port + "/" + env("WHARF_TEST_PG_DATABASE");
        String name = "wharf_meta_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
        execute(adminUrl, user, password, "CREATE DATABASE " + name);
        DatabaseUrl url = DatabaseUrl.parse("r2dbc:postgresql://" + host + ":" + port + "/" + name);
        return new TestDatabase(
                settings(url, user, password),
                "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)",
                adminUrl,
                user,
                password);
    }

    public DatabaseSettings settings() {
        return settings;
    }

    @Override
    public void close() {
        execute(adminJdbcUrl, adminUser, adminPassword, dropStatement);
    }

    private static DatabaseSettings settings(DatabaseUrl url, String user, String password) {
        return new DatabaseSettings(url, user, password, 10, Duration.ofSeconds(10));
    }

    private static void execute(String jdbcUrl, String user, String password, String sql) {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, user, password);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot run '" + sql + "': " + e.getMessage(), e);
        }
    }

    private static String env(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            fail("the PostgreSQL metadata tests need " + name + ": run `scripts/test-services start` and then"
                    + " `eval \"$(scripts/test-services env)\"` in this shell (scripts/test does both)");
        }
        return value;
    }
}
