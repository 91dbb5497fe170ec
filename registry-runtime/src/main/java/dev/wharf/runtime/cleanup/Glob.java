package dev.wharf.runtime.cleanup;

import dev.wharf.runtime.proxy.NameFilter;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * An anchored glob of a cleanup rule: {@code *} matches any run of characters, none included, {@code ?} exactly one,
 * every other character itself; the whole name must match ({@code *-SNAPSHOT} matches {@code 1.0-SNAPSHOT}, not
 * {@code 1.0-SNAPSHOT.jar}).
 */
record Glob(String text, Pattern pattern) {

    static Glob of(String glob) {
        return new Glob(glob, NameFilter.compile(glob));
    }

    static List<Glob> all(@Nullable List<String> globs) {
        return globs == null ? List.of() : globs.stream().map(Glob::of).toList();
    }

    boolean matches(String name) {
        return pattern.matcher(name).matches();
    }
}
