package dev.wharf.runtime.cleanup;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A complete plan as stored.
 *
 * @param id its row id
 * @param policy the CleanupPolicy it is of
 * @param plannedAt when it was computed
 * @param hash the hash of its candidate list, to approve it by
 * @param candidates how many versions it deletes
 * @param bytes the size of their files
 * @param kept how many versions the policy's registries hold that it keeps
 * @param notes what it could not plan and why (a registry not serving, a format without a version order); null when
 *     nothing
 */
public record StoredPlan(
        long id,
        String policy,
        Instant plannedAt,
        String hash,
        long candidates,
        long bytes,
        long kept,
        @Nullable String notes) {}
