package dev.wharf.runtime.proxy;

import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Which package names an upstream may serve: its anchored allow globs (none means every name) and block globs; block
 * wins. In a glob {@code *} matches any run of characters, none included, {@code ?} exactly one, and every other
 * character itself: {@code @acme/*} matches {@code @acme/tools} but not {@code x@acme/tools}.
 */
public final class NameFilter {

    private final List<Pattern> allow;
    private final List<Pattern> block;

    NameFilter(@Nullable List<String> allow, @Nullable List<String> block) {
        this.allow = compile(allow);
        this.block = compile(block);
    }

    /** Whether the upstream may be asked for {@code name}. */
    boolean permits(String name) {
        if (block.stream().anyMatch(glob -> glob.matcher(name).matches())) {
            return false;
        }
        return allow.isEmpty()
                || allow.stream().anyMatch(glob -> glob.matcher(name).matches());
    }

    /** The anchored regular expression of a glob, as every policy of Wharf reads globs. */
    public static Pattern compile(String glob) {
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
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }

    private static List<Pattern> compile(@Nullable List<String> globs) {
        return globs == null
                ? List.of()
                : globs.stream().map(NameFilter::compile).toList();
    }
}
