package dev.wharf.runtime.setup;

import dev.wharf.api.v1alpha1.registry.Role;
import dev.wharf.runtime.auth.ApiTokens;
import dev.wharf.runtime.auth.Authorizer;
import dev.wharf.runtime.auth.Principal;
import dev.wharf.runtime.metadata.ApiTokenRepository;
import dev.wharf.runtime.metadata.AuditEvent;
import dev.wharf.runtime.metadata.AuditTrail;
import dev.wharf.runtime.web.RequestRefusedException;
import dev.wharf.runtime.web.ServedRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import reactor.core.publisher.Mono;

/**
 * Mints the token of a setup: scoped to the one registry, with the highest role its caller has there, for
 * {@value #DAYS} days. Only the hash is stored; the issue is in the audit trail.
 */
final class SetupTokens {

    static final int DAYS = 90;

    /** A token just minted, shown once. */
    record Minted(long id, String token, Role role, Instant expiresAt) {
        @Override
        public String toString() {
            return "Minted[id=" + id + ", role=" + role + ", expiresAt=" + expiresAt + "]";
        }
    }

    private final ApiTokenRepository tokens;
    private final AuditTrail trail;
    private final Clock clock;

    SetupTokens(ApiTokenRepository tokens, AuditTrail trail, Clock clock) {
        this.tokens = tokens;
        this.trail = trail;
        this.clock = clock;
    }

    Mono<Minted> mint(Principal principal, ServedRegistry registry) {
        if (principal.kind() == Principal.Kind.TOKEN) {
            return Mono.error(new RequestRefusedException(
                    HttpStatus.FORBIDDEN,
                    "Forbidden",
                    "an API token cannot issue API tokens; log in with a password to get a setup with a new token,"
                            + " or leave ?token=new out"));
        }
        Role role = highestRole(principal, registry);
        String token = ApiTokens.generate();
        Set<String> groups = principal.groups().stream()
                .filter(group -> !group.equals(Principal.AUTHENTICATED_GROUP))
                .collect(Collectors.toUnmodifiableSet());
        Instant expiresAt = clock.instant().plus(Duration.ofDays(DAYS));
        return tokens.create(
                        ApiTokens.hash(token),
                        principal.name(),
                        "setup of registry " + registry.name(),
                        groups,
                        Map.of(registry.name(), role),
                        expiresAt)
                .flatMap(record -> trail.record(new AuditEvent(
                                0,
                                clock.instant(),
                                principal.toString(),
                                "token.create",
                                registry.name(),
                                null,
                                null,
                                "token " + record.id() + " scopes {" + registry.name() + "="
                                        + role.name().toLowerCase(Locale.ROOT) + "} for the registry's setup"))
                        .thenReturn(new Minted(record.id(), token, role, expiresAt)));
    }

    /** The highest role the caller has in the registry; read at least, since the route needs it. */
    private static Role highestRole(Principal principal, ServedRegistry registry) {
        return Authorizer.highestRole(registry.access().policy(), registry.name(), principal)
                .orElse(Role.READ);
    }
}
