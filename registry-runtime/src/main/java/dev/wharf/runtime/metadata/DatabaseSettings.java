package dev.wharf.runtime.metadata;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The metadata database settings resolved at start: the URL parsed (the embedded default filled in), the password
 * read from its file. {@link #toString()} never shows the password.
 *
 * @param url where the database is
 * @param username the user; {@code sa} for H2 unless set
 * @param password the password; empty when none is set
 * @param maxConnections the size of the connection pool
 * @param acquireTimeout how long a query waits for a free connection
 */
public record DatabaseSettings(
        DatabaseUrl url, @Nullable String username, String password, int maxConnections, Duration acquireTimeout) {

    private static final int MAX_CONNECTIONS_LIMIT = 200;

    public DatabaseSettings {
        if (maxConnections < 1 || maxConnections > MAX_CONNECTIONS_LIMIT) {
            throw new IllegalArgumentException("wharf.database.max-connections is " + maxConnections
                    + "; it must be between 1 and " + MAX_CONNECTIONS_LIMIT);
        }
        if (acquireTimeout.isNegative() || acquireTimeout.isZero()) {
            throw new IllegalArgumentException(
                    "wharf.database.acquire-timeout is " + acquireTimeout + "; it must be positive");
        }
    }

    /**
     * Resolves the properties: an unset URL means H2 under {@code <dataDir>/metadata/wharf}; the password comes from
     * {@code password} or from {@code passwordFile}, not both.
     *
     * @throws IllegalArgumentException when a setting is wrong or the password file cannot be read; the message names
     *     the setting or file, never the password
     */
    public static DatabaseSettings resolve(DatabaseProperties properties, Path dataDir) {
        String configuredUrl = properties.url();
        DatabaseUrl url = configuredUrl == null || configuredUrl.isBlank()
                ? DatabaseUrl.embedded(dataDir)
                : DatabaseUrl.parse(configuredUrl);
        String username = properties.username();
        if (username == null && url instanceof PostgresDatabaseUrl postgres) {
            username = postgres.user();
        }
        if (username == null && url instanceof H2DatabaseUrl) {
            username = "sa";
        }
        return new DatabaseSettings(
                url, username, password(properties), properties.maxConnections(), properties.acquireTimeout());
    }

    private static String password(DatabaseProperties properties) {
        Path file = properties.passwordFile();
        String password = properties.password();
        if (file == null) {
            return password == null ? "" : password;
        }
        if (password != null) {
            throw new IllegalArgumentException(
                    "both wharf.database.password and wharf.database.password-file are set;" + " set only one");
        }
        try {
            return stripOneLineBreak(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("cannot read wharf.database.password-file " + file + " ("
                    + e.getClass().getSimpleName() + "); mount the database Secret there or fix the path");
        }
    }

    /** A Secret written with {@code echo} ends with a line break that is not part of the password. */
    static String stripOneLineBreak(String text) {
        if (text.endsWith("\r\n")) {
            return text.substring(0, text.length() - 2);
        }
        if (text.endsWith("\n")) {
            return text.substring(0, text.length() - 1);
        }
        return text;
    }

    @Override
    public String toString() {
        return "DatabaseSettings[" + url.description() + ", username=" + username + ", password="
                + (password.isEmpty() ? "(none)" : "(set)") + ", maxConnections=" + maxConnections
                + ", acquireTimeout=" + acquireTimeout + "]";
    }
}
