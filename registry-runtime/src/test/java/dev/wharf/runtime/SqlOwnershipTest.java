package dev.wharf.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * Each format owns its tables: they are named after the format's package ({@code oci_blob_link} is {@code oci}'s),
 * created by migrations named after it ({@code V2__oci.sql}, {@code V9__oci_referrers.sql}), and named only by the
 * format's code. (The migrations stay in one folder: a file moved between folders would stay behind in the build
 * output of existing checkouts, and Flyway would then find its version twice.)
 * The core's migrations and the shared packages name no format's table, so that adding a format never means editing
 * the core.
 */
class SqlOwnershipTest {

    private static final Path SOURCES = Path.of("src/main/java/dev/wharf/runtime");
    private static final Path MIGRATIONS = Path.of("src/main/resources/db/migration");

    private static final Set<String> FORMATS =
            Set.of("oci", "maven", "npm", "pypi", "helm", "generic", "go", "cargo", "nuget");

    private static final Set<String> SHARED =
            Set.of("metadata", "purge", "proxy", "web", "api", "storage", "auth", "config", "artifact");

    private static final Pattern CREATED_TABLE = Pattern.compile("CREATE TABLE\\s+(\\w+)", Pattern.CASE_INSENSITIVE);

    @Test
    void coreMigrationsCreateNoFormatsTableAndAFormatsMigrationsCreateOnlyTablesOfItsOwnName() throws IOException {
        List<String> misplaced = new ArrayList<>();
        try (Stream<Path> files = Files.list(MIGRATIONS)) {
            for (Path file :
                    files.filter(path -> path.toString().endsWith(".sql")).toList()) {
                @Nullable String owner = formatPrefix(description(file));
                for (String table : createdTables(Files.readString(file))) {
                    if (!Objects.equals(owner, formatPrefix(table))) {
                        misplaced.add(file.getFileName() + " creates " + table);
                    }
                }
            }
        }

        assertThat(misplaced).isEmpty();
    }

    @Test
    void sharedPackagesNameNoFormatsTable() throws IOException {
        Pattern formatTable = Pattern.compile("\\b(" + String.join("|", FORMATS) + ")_[a-z_]+\\b");
        List<String> named = new ArrayList<>();
        for (String shared : SHARED) {
            try (Stream<Path> files = Files.walk(SOURCES.resolve(shared))) {
                for (Path file :
                        files.filter(path -> path.toString().endsWith(".java")).toList()) {
                    Matcher matcher = formatTable.matcher(Files.readString(file));
                    while (matcher.find()) {
                        named.add(SOURCES.relativize(file) + " names " + matcher.group());
                    }
                }
            }
        }

        assertThat(named).isEmpty();
    }

    /** The part of a migration's file name after {@code V<n>__}, which names its owner first. */
    private static String description(Path migration) {
        String name = migration.getFileName().toString();
        return name.substring(name.indexOf("__") + 2);
    }

    private static List<String> createdTables(String sql) {
        List<String> tables = new ArrayList<>();
        Matcher matcher = CREATED_TABLE.matcher(sql);
        while (matcher.find()) {
            tables.add(matcher.group(1).toLowerCase(Locale.ROOT));
        }
        return tables;
    }

    /** The format a table or migration description is named after; null when it names none. */
    private static @Nullable String formatPrefix(String name) {
        String prefix = name.toLowerCase(Locale.ROOT).split("[^a-z0-9]", 2)[0];
        return FORMATS.contains(prefix) ? prefix : null;
    }
}
