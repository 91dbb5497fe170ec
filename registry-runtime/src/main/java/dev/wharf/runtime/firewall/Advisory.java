package dev.wharf.runtime.firewall;

import dev.wharf.api.v1alpha1.firewall.Severity;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One OSV advisory, as much of it as verdicts and explanations need.
 *
 * @param id its OSV id ({@code GHSA-...}, {@code PYSEC-...}, {@code MAL-...})
 * @param aliases its other ids ({@code CVE-...}), which an ignore list may name instead
 * @param summary its summary, shortened
 * @param severity its severity from the highest CVSS score it carries or its own rating; null when it has neither
 * @param rating how the severity was found, such as {@code CVSS 9.8} or {@code rated HIGH}; empty when unknown
 */
public record Advisory(
        String id,
        List<String> aliases,
        String summary,
        @Nullable Severity severity,
        String rating) {

    public Advisory {
        aliases = List.copyOf(aliases);
    }

    /** Whether it reports a malicious package (OSV's {@code MAL-} ids), which matches whatever its severity. */
    public boolean malicious() {
        return id.startsWith("MAL-");
    }

    /** Where a person reads it. */
    public String link() {
        return "https://osv.dev/vulnerability/" + id;
    }

    /** Whether {@code ignored} names it by its id or one of its aliases. */
    boolean namedIn(java.util.Set<String> ignored) {
        return ignored.contains(id) || aliases.stream().anyMatch(ignored::contains);
    }

    /** Its id with its severity, as verdicts list it: {@code GHSA-xxxx (HIGH, CVSS 8.1)}. */
    String describe() {
        if (malicious()) {
            return id + " (malicious package)";
        }
        return severity == null ? id + " (severity unknown)" : id + " (" + severity + ", " + rating + ")";
    }
}
