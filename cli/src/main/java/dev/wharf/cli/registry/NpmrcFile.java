package dev.wharf.cli.registry;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Merges a registry into an {@code .npmrc}: sets the registry (for every package, or one scope) and the token line of
 * its URL, replacing those keys where they are and keeping every other line, comments included.
 */
final class NpmrcFile {

    private NpmrcFile() {}

    static String merge(String existing, @Nullable String scope, String url, String token) {
        String registryKey = scope == null ? "registry" : scope + ":registry";
        String tokenKey = url.substring(url.indexOf("//")) + ":_authToken";
        List<String> lines = new ArrayList<>(existing.lines().toList());
        set(lines, registryKey, url);
        set(lines, tokenKey, token);
        return String.join("\n", lines) + "\n";
    }

    /** Whether {@code scope} is an npm scope, {@code @name}. */
    static boolean isScope(String scope) {
        return scope.matches("@[a-z0-9][a-z0-9._~-]*");
    }

    private static void set(List<String> lines, String key, String value) {
        String entry = key + "=" + value;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int equals = line.indexOf('=');
            if (equals > 0 && line.substring(0, equals).strip().equals(key)) {
                lines.set(i, entry);
                return;
            }
        }
        lines.add(entry);
    }
}
