package dev.wharf.runtime.api;

import dev.wharf.runtime.auth.Principal;
import dev.wharf.runtime.metadata.AuditEvent;
import dev.wharf.runtime.metadata.AuditTrail;
import java.time.Clock;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Records in the audit trail the changes the API makes itself (metadata and tokens); the metadata repositories record
 * deletions and copies. Details never carry a secret.
 */
final class ApiAudit {

    private final AuditTrail trail;
    private final Clock clock;

    ApiAudit(AuditTrail trail, Clock clock) {
        this.trail = trail;
        this.clock = clock;
    }

    /** Records that {@code actor} did {@code action}. */
    Mono<Void> record(
            Principal actor,
            String action,
            @Nullable String registry,
            @Nullable String packageName,
            @Nullable String version,
            @Nullable String detail) {
        return Mono.defer(() -> trail.record(
                new AuditEvent(0, clock.instant(), actor.toString(), action, registry, packageName, version, detail)));
    }
}
