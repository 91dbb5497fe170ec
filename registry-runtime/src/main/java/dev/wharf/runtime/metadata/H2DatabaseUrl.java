package dev.wharf.runtime.metadata;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * An embedded H2 database, in a file or in memory, always opened in the PostgreSQL compatibility mode the schema and
 * the repositories' SQL are written for.
 *
 * @param location H2's own form: {@code file:/absolute/path} or {@code mem:name}
 * @param settings the H2 settings appended to the URL, upper-case names, the required ones included
 */
public record H2DatabaseUrl(String location, Map<String, String> settings) implements DatabaseUrl {

    static final String PREFIX = "r2dbc:h2:";

    /** What the schema and the SQL need; a URL that sets one of them otherwise is refused. */
    static final Map<String, String> REQUIRED =
            Map.of("MODE", "PostgreSQL", "DATABASE_TO_LOWER", "TRUE", "DEFAULT_NULL_ORDERING", "HIGH");

    /**
     * Added unless the URL sets them: wait up to 10 s for a row lock rather than H2's 1 s (a burst of downloads of one
     * version queues on its row), and leave closing the database to the connection pool rather than to H2's shutdown
     * hook, which would close it under requests still finishing.
     */
    static final Map<String, String> DEFAULTS = Map.of("LOCK_TIMEOUT", "10000", "DB_CLOSE_ON_EXIT", "FALSE");

    public H2DatabaseUrl {
        settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    }

    /** An H2 file database at an absolute path. */
    static H2DatabaseUrl file(Path path) {
        return new H2DatabaseUrl("file:" + path, withRequiredSettings(Map.of(), false));
    }

    /** Parses what follows {@code r2dbc:h2:}. */
    static H2DatabaseUrl parse(String rest) {
        String main = rest;
        String queryOptions = "";
        int question = rest.indexOf('?');
        if (question >= 0) {
            main = rest.substring(0, question);
            String query = rest.substring(question + 1);
            if (!query.startsWith("options=")) {
                throw new IllegalArgumentException("the H2 URL in wharf.database.url may only have the query"
                        + " ?options=SETTING=value;...; put H2 settings after the path, separated by ';'");
            }
            queryOptions = query.substring("options=".length());
        }
        String[] parts = main.split(";", -1);
        String location = location(parts[0]);
        Map<String, String> given = new LinkedHashMap<>();
        for (int i = 1; i < parts.length; i++) {
            addSetting(given, parts[i]);
        }
        for (String part : queryOptions.split(";", -1)) {
            addSetting(given, part);
        }
        return new H2DatabaseUrl(location, withRequiredSettings(given, location.startsWith("mem:")));
    }

    /**
     * {@code r2dbc:h2:file:////absolute/path;...} (an empty host, then the absolute path: R2DBC drops the slash that
     * ends the authority, so three slashes would name a relative path) or {@code r2dbc:h2:mem:///name;...}, the path
     * percent-encoded.
     */
    @Override
    public String r2dbcUrl() {
        String target = location.startsWith("file:")
                ? "file:///" + UrlPaths.encode(location.substring("file:".length()))
                : "mem:///" + UrlPaths.encode(location.substring("mem:".length()));
        return PREFIX + target + settingsSuffix();
    }

    @Override
    public String jdbcUrl() {
        return "jdbc:h2:" + h2Url();
    }

    /** The URL H2 itself reads, without {@code jdbc:h2:}. */
    String h2Url() {
        return location + settingsSuffix();
    }

    @Override
    public String description() {
        return "H2 " + location;
    }

    private String settingsSuffix() {
        return settings.entrySet().stream()
                .map(entry -> ";" + entry.getKey() + "=" + entry.getValue())
                .collect(Collectors.joining());
    }

    private static String location(String target) {
        String lower = target.toLowerCase(Locale.ROOT);
        if (lower.startsWith("file://")) {
            String path = UrlPaths.decode(target.substring("file://".length()));
            // file:////path, the form r2dbcUrl() writes, names the same file as file:///path.
            if (path.startsWith("//")) {
                path = path.substring(1);
            }
            if (!path.startsWith("/") || path.length() == 1) {
                throw new IllegalArgumentException("the H2 database path in wharf.database.url must be absolute, as in"
                        + " r2dbc:h2:file:///var/lib/wharf/metadata/wharf");
            }
            return "file:" + path;
        }
        if (lower.startsWith("mem:///") && target.length() > "mem:///".length()) {
            return "mem:" + UrlPaths.decode(target.substring("mem:///".length()));
        }
        throw new IllegalArgumentException("the H2 URL in wharf.database.url must be r2dbc:h2:file:///absolute/path or"
                + " r2dbc:h2:mem:///name; H2 over TCP is not supported, use PostgreSQL for a shared database");
    }

    private static void addSetting(Map<String, String> settings, String part) {
        if (part.isBlank()) {
            return;
        }
        int equals = part.indexOf('=');
        if (equals <= 0) {
            throw new IllegalArgumentException(
                    "the H2 setting '" + settingName(part) + "' in wharf.database.url has no value; write NAME=value");
        }
        String name = part.substring(0, equals).strip().toUpperCase(Locale.ROOT);
        if (name.equals("USER") || name.equals("PASSWORD")) {
            throw new IllegalArgumentException("wharf.database.url must not hold credentials; set"
                    + " wharf.database.username and wharf.database.password-file");
        }
        settings.put(name, part.substring(equals + 1).strip());
    }

    /** The name part only: a setting's value is never echoed. */
    private static String settingName(String part) {
        String name = part.strip();
        return name.length() > 40 ? name.substring(0, 40) + "..." : name;
    }

    private static Map<String, String> withRequiredSettings(Map<String, String> given, boolean inMemory) {
        Map<String, String> settings = new LinkedHashMap<>(given);
        REQUIRED.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(required -> {
            String value = settings.putIfAbsent(required.getKey(), required.getValue());
            if (value != null && !value.equalsIgnoreCase(required.getValue())) {
                throw new IllegalArgumentException("wharf.database.url sets the H2 setting " + required.getKey() + "="
                        + value + ", but Wharf's schema needs " + required.getKey() + "=" + required.getValue()
                        + "; remove it from the URL");
            }
        });
        DEFAULTS.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(fallback -> settings.putIfAbsent(fallback.getKey(), fallback.getValue()));
        if (inMemory) {
            // An in-memory database disappears with its last connection: keep it between Flyway and the pool.
            settings.putIfAbsent("DB_CLOSE_DELAY", "-1");
        } else {
            // H2 writes committed changes to its file up to 500 ms later by default, so a process killed in that
            // window loses files a client was told were stored; with 0 each commit is written before it returns.
            settings.putIfAbsent("WRITE_DELAY", "0");
        }
        return settings;
    }
}
