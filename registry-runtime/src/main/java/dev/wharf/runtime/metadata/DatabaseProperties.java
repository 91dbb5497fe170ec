package dev.wharf.runtime.metadata;

import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The metadata database settings, under {@code wharf.database.*}.
 *
 * @param url an R2DBC URL: {@code r2dbc:postgresql://host:5432/db} (also accepted: {@code postgresql://...} and
 *     {@code jdbc:postgresql://...}) or {@code r2dbc:h2:file:///absolute/path/wharf}. Unset means the embedded H2
 *     database under {@code ${wharf.data-dir}/metadata/wharf}. It must not hold a password.
 * @param username the database user; for H2 unset means {@code sa}
 * @param password the password; prefer {@code passwordFile}
 * @param passwordFile a file holding the password (a mounted Secret), read once at start; one trailing line break is
 *     ignored
 * @param maxConnections the size of the connection pool
 * @param acquireTimeout how long a query waits for a free connection before it fails
 */
@ConfigurationProperties("wharf.database")
public record DatabaseProperties(
        @Nullable String url,
        @Nullable String username,
        @Nullable String password,
        @Nullable Path passwordFile,
        @DefaultValue("10") int maxConnections,
        @DefaultValue("10s") Duration acquireTimeout) {

    /** Never shows the password. */
    @Override
    public String toString() {
        return "DatabaseProperties[url=" + (url == null ? "(embedded)" : DatabaseUrl.describe(url)) + ", username="
                + username + ", password=" + (password == null ? "(unset)" : "(set)") + ", passwordFile="
                + passwordFile + ", maxConnections=" + maxConnections + ", acquireTimeout=" + acquireTimeout + "]";
    }
}
