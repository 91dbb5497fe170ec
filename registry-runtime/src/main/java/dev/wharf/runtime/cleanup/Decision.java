package dev.wharf.runtime.cleanup;

import org.jspecify.annotations.Nullable;

/**
 * What a plan decided for one version.
 *
 * @param packageId the row id of its package
 * @param delete whether it is a candidate
 * @param rule the rule that selected it, or that kept it; null when no rule looks at it
 * @param why the reason in words, such as "pushed 2026-01-02, 338 days ago; olderThan 90d; not among the 10 newest"
 */
public record Decision(
        String registry,
        long packageId,
        String packageName,
        VersionFacts version,
        boolean delete,
        @Nullable String rule,
        String why) {

    /** The item as plans show it, {@code package:version}. */
    public String item() {
        return packageName + ":" + version.version();
    }
}
