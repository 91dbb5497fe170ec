package dev.wharf.runtime.cleanup;

import org.jspecify.annotations.Nullable;

/**
 * One line of a stored plan: a candidate, or a kept version of the plan's sample, with the rule and the reason.
 *
 * @param seq its position in the plan
 * @param kept true for a kept version of the sample, false for a candidate
 * @param rule the rule that selected or kept it; null when no rule looks at it
 * @param deleted whether a run deleted it (or found it gone)
 */
public record PlanItem(
        long seq,
        boolean kept,
        String registry,
        long packageId,
        String packageName,
        long versionId,
        String version,
        long sizeBytes,
        @Nullable String rule,
        String why,
        boolean deleted) {}
