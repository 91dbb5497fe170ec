package dev.wharf.runtime.version;

import dev.wharf.runtime.artifact.InvalidNameException;
import java.util.Locale;
import java.util.Set;

/**
 * The rules npm's {@code validate-npm-package-name} applies to a package name, {@code name} or {@code @scope/name}:
 * the errors for every name, and for a new package also what it reports as no longer allowed (capital letters, more
 * than 214 characters, {@code ~'!()*} in the name).
 */
final class NpmNames {

    /** The longest name a new package may have. */
    static final int NEW_NAME_MAX = 214;

    /** The most any stored package name may have, whatever npm once allowed. */
    private static final int NAME_MAX = 255;

    private static final Set<String> BLOCKED = Set.of("node_modules", "favicon.ico");

    /** What {@code encodeURIComponent} leaves as it is, besides letters and digits. */
    private static final String URL_SAFE = "-_.!~*'()";

    private static final String SPECIAL = "~'!()*";

    private NpmNames() {}

    static String check(String name, boolean newPackage) {
        if (name.isEmpty()) {
            throw invalid(name, "name length must be greater than zero");
        }
        if (name.length() > NAME_MAX) {
            throw invalid(name, "it is " + name.length() + " characters long; the limit is " + NAME_MAX);
        }
        if (name.startsWith(".")) {
            throw invalid(name, "name cannot start with a period");
        }
        if (name.startsWith("_")) {
            throw invalid(name, "name cannot start with an underscore");
        }
        if (!name.strip().equals(name)) {
            throw invalid(name, "name cannot contain leading or trailing spaces");
        }
        if (BLOCKED.contains(name.toLowerCase(Locale.ROOT))) {
            throw invalid(name, name.toLowerCase(Locale.ROOT) + " is not a valid package name");
        }
        String pkg = name;
        if (name.startsWith("@")) {
            int slash = name.indexOf('/');
            if (slash < 0) {
                throw invalid(name, "a scoped name is written @scope/name");
            }
            String scope = name.substring(1, slash);
            pkg = name.substring(slash + 1);
            if (scope.isEmpty() || pkg.isEmpty()) {
                throw invalid(name, "a scoped name is written @scope/name, with neither part empty");
            }
            if (pkg.startsWith(".")) {
                throw invalid(name, "name cannot start with a period");
            }
            urlSafe(name, scope);
        }
        urlSafe(name, pkg);
        if (newPackage) {
            if (name.length() > NEW_NAME_MAX) {
                throw invalid(name, "name can no longer contain more than " + NEW_NAME_MAX + " characters");
            }
            if (!name.toLowerCase(Locale.ROOT).equals(name)) {
                throw invalid(name, "name can no longer contain capital letters");
            }
            if (pkg.chars().anyMatch(c -> SPECIAL.indexOf(c) >= 0)) {
                throw invalid(name, "name can no longer contain special characters (\"" + SPECIAL + "\")");
            }
        }
        return name;
    }

    private static void urlSafe(String name, String part) {
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            boolean safe = (c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || URL_SAFE.indexOf(c) >= 0;
            if (!safe) {
                throw invalid(
                        name,
                        "name can only contain URL-friendly characters, not '" + Echo.printable(String.valueOf(c))
                                + "'");
            }
        }
    }

    private static InvalidNameException invalid(String name, String rule) {
        return new InvalidNameException("the npm package name '" + Echo.printable(name) + "' is not valid: " + rule);
    }
}
