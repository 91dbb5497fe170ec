package dev.wharf.runtime.cleanup;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One run of a policy, as recorded.
 *
 * @param planId the plan it planned or applied; null once that plan was replaced
 * @param mode the policy's mode when it ran: Plan, Apply or ApplyApproved
 * @param startedBy {@code schedule}, or who asked for it through the API
 * @param finishedAt when it finished; null while it runs (or when the runtime stopped during it)
 * @param outcome {@link RunOutcome}'s name; null while it runs
 * @param deleted versions it deleted so far
 * @param freedBytes the size of their files
 * @param gone candidates it found already deleted (by hand, or by another policy) and skipped
 * @param message what it did or why it deleted nothing, in words
 */
public record RunRecord(
        long id,
        String policy,
        @Nullable Long planId,
        String mode,
        String startedBy,
        Instant startedAt,
        @Nullable Instant finishedAt,
        @Nullable String outcome,
        long deleted,
        long freedBytes,
        long gone,
        @Nullable String message) {}
