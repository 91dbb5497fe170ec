package dev.wharf.runtime.metadata;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One entry of the audit trail.
 *
 * @param id the row id; 0 for an event not stored yet
 * @param occurredAt when it happened
 * @param actor who did it ({@code Principal#toString()}, or {@code wharf} for the runtime itself)
 * @param action what was done, such as {@code version.push}, {@code version.delete}, {@code package.delete},
 *     {@code version.copy}, {@code token.create}
 * @param registry the registry, when one is concerned
 * @param packageName the package, when one is concerned
 * @param version the version, when one is concerned
 * @param detail more, such as the path and digest of a file; never a secret
 */
public record AuditEvent(
        long id,
        Instant occurredAt,
        String actor,
        String action,
        @Nullable String registry,
        @Nullable String packageName,
        @Nullable String version,
        @Nullable String detail) {}
