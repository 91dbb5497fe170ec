package dev.wharf.runtime.metadata;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/** The schema migrations the runtime ships, read from the class path, so tests follow as formats add theirs. */
final class MigrationFiles {

    private static final Pattern VERSIONED = Pattern.compile("V(\\d+)__.+\\.sql");

    private MigrationFiles() {}

    /** How many versioned migrations there are. */
    static int count() {
        return versions().size();
    }

    /** The version the schema has once every migration ran, such as {@code "22"}. */
    static String latestVersion() {
        return String.valueOf(
                versions().stream().mapToInt(Integer::intValue).max().orElseThrow());
    }

    private static List<Integer> versions() {
        try {
            Resource[] resources =
                    new PathMatchingResourcePatternResolver().getResources("classpath*:db/migration/V*__*.sql");
            return Arrays.stream(resources)
                    .map(resource -> VERSIONED.matcher(Objects.requireNonNull(resource.getFilename())))
                    .filter(Matcher::matches)
                    .map(matcher -> Integer.valueOf(matcher.group(1)))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
