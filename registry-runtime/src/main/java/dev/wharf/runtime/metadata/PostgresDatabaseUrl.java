package dev.wharf.runtime.metadata;

import com.google.common.base.Splitter;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * A PostgreSQL database.
 *
 * @param host the host name or address ({@code [::1]} for IPv6)
 * @param port the port, 5432 unless the URL says otherwise
 * @param database the database name
 * @param user the user named in the URL, if any; {@code wharf.database.username} wins over it
 * @param options the URL's query options with R2DBC's names ({@code sslMode}, {@code schema}, ...)
 */
public record PostgresDatabaseUrl(
        String host, int port, String database, @Nullable String user, Map<String, String> options)
        implements DatabaseUrl {

    private static final List<String> PREFIXES =
            List.of("r2dbc:postgresql://", "r2dbc:postgres://", "jdbc:postgresql://", "postgresql://", "postgres://");

    private static final int DEFAULT_PORT = 5432;

    /** The options both drivers know, R2DBC's name to the JDBC driver's; the others reach R2DBC only. */
    private static final Map<String, String> JDBC_NAMES = Map.of(
            "sslMode", "sslmode",
            "sslRootCert", "sslrootcert",
            "sslCert", "sslcert",
            "sslKey", "sslkey",
            "schema", "currentSchema",
            "applicationName", "ApplicationName");

    public PostgresDatabaseUrl {
        options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
    }

    static boolean accepts(String lowerCaseUrl) {
        return PREFIXES.stream().anyMatch(lowerCaseUrl::startsWith);
    }

    static PostgresDatabaseUrl parse(String url) {
        String prefix = PREFIXES.stream()
                .filter(url.toLowerCase(Locale.ROOT)::startsWith)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not a PostgreSQL URL"));
        URI uri;
        try {
            uri = new URI("postgresql://" + url.substring(prefix.length()));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("wharf.database.url is not a valid URL (" + e.getReason()
                    + "); write r2dbc:postgresql://host:5432/database");
        }
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null && userInfo.contains(":")) {
            throw new IllegalArgumentException("wharf.database.url must not hold a password; set"
                    + " wharf.database.password-file (or wharf.database.password) instead");
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            throw new IllegalArgumentException(
                    "wharf.database.url names no PostgreSQL host; write" + " r2dbc:postgresql://host:5432/database");
        }
        String path = uri.getPath();
        if (path == null || path.length() <= 1 || path.indexOf('/', 1) >= 0) {
            throw new IllegalArgumentException("wharf.database.url names no PostgreSQL database; write"
                    + " r2dbc:postgresql://" + host + ":" + port(uri) + "/database");
        }
        return new PostgresDatabaseUrl(
                host, port(uri), path.substring(1), userInfo == null ? null : decode(userInfo), options(uri));
    }

    @Override
    public String r2dbcUrl() {
        return "r2dbc:postgresql://" + host + ":" + port + "/" + encode(database) + query(options);
    }

    @Override
    public String jdbcUrl() {
        Map<String, String> jdbcOptions = new LinkedHashMap<>();
        options.forEach((name, value) -> {
            String jdbcName = JDBC_NAMES.get(name);
            if (jdbcName != null) {
                jdbcOptions.put(jdbcName, value);
            }
        });
        return "jdbc:postgresql://" + host + ":" + port + "/" + encode(database) + query(jdbcOptions);
    }

    @Override
    public String description() {
        return "PostgreSQL " + host + ":" + port + "/" + database;
    }

    private static int port(URI uri) {
        return uri.getPort() < 0 ? DEFAULT_PORT : uri.getPort();
    }

    private static Map<String, String> options(URI uri) {
        Map<String, String> options = new LinkedHashMap<>();
        String query = uri.getRawQuery();
        if (query == null || query.isEmpty()) {
            return options;
        }
        for (String pair : Splitter.on('&').split(query)) {
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            if (name.equalsIgnoreCase("password")) {
                throw new IllegalArgumentException("wharf.database.url must not hold a password; set"
                        + " wharf.database.password-file (or wharf.database.password) instead");
            }
            options.put(r2dbcName(name), equals < 0 ? "" : decode(pair.substring(equals + 1)));
        }
        return options;
    }

    /** Accepts the JDBC and libpq spelling of an option the two drivers share. */
    private static String r2dbcName(String name) {
        return JDBC_NAMES.entrySet().stream()
                .filter(entry -> entry.getValue().equalsIgnoreCase(name)
                        || entry.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getKey)
                .findFirst()
                .orElse(name);
    }

    private static String query(Map<String, String> options) {
        if (options.isEmpty()) {
            return "";
        }
        return options.entrySet().stream()
                .map(entry -> encode(entry.getKey()) + "=" + encode(entry.getValue()))
                .collect(Collectors.joining("&", "?", ""));
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }
}
