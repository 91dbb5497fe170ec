package dev.wharf.runtime.cleanup;

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
        StringBuilder regex = new StringBuilder(glob.length() + 8);
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*' || c == '?') {
                if (!literal.isEmpty()) {
                    regex.append(Pattern.quote(literal.toString()));
                    literal.setLength(0);
                }
                regex.append(c == '*' ? ".*" : ".");
            } else {
                literal.append(c);
            }
        }
        if (!literal.isEmpty()) {
            regex.append(Pattern.quote(literal.toString()));
        }
        return new Glob(glob, Pattern.compile(regex.toString(), Pattern.DOTALL));
    }

    static List<Glob> all(@Nullable List<String> globs) {
        return globs == null ? List.of() : globs.stream().map(Glob::of).toList();
    }

    boolean matches(String name) {
        return pattern.matcher(name).matches();
    }
}
