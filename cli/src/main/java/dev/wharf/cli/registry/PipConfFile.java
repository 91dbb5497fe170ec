package dev.wharf.cli.registry;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Merges a registry into a {@code pip.conf}: sets {@code index-url} (and {@code trusted-host} over plain HTTP) in
 * {@code [global]}, keeping every other section, key and comment.
 */
final class PipConfFile {

    private PipConfFile() {}

    static String merge(String existing, String indexUrl, @Nullable String trustedHost) {
        List<String> lines = new ArrayList<>(existing.lines().toList());
        int global = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).strip().equals("[global]")) {
                global = i;
                break;
            }
        }
        if (global < 0) {
            if (!lines.isEmpty() && !lines.getLast().isBlank()) {
                lines.add("");
            }
            lines.add("[global]");
            global = lines.size() - 1;
        }
        set(lines, global, "index-url", indexUrl);
        if (trustedHost != null) {
            set(lines, global, "trusted-host", trustedHost);
        }
        return String.join("\n", lines) + "\n";
    }

    private static void set(List<String> lines, int section, String key, String value) {
        int end = section + 1;
        while (end < lines.size() && !lines.get(end).strip().startsWith("[")) {
            String line = lines.get(end);
            int equals = line.indexOf('=');
            if (equals > 0 && line.substring(0, equals).strip().equals(key)) {
                lines.set(end, key + " = " + value);
                return;
            }
            end++;
        }
        // After the section's last entry, before the blank lines that end it.
        int at = end;
        while (at > section + 1 && lines.get(at - 1).isBlank()) {
            at--;
        }
        lines.add(at, key + " = " + value);
    }
}
