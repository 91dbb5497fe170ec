package dev.wharf.runtime.oci;

import dev.wharf.api.v1alpha1.registry.Role;
import dev.wharf.runtime.auth.Principal;
import dev.wharf.runtime.web.AccessGuard;
import dev.wharf.runtime.web.ServedRegistry;
import java.util.Locale;
import java.util.Optional;
import org.springframework.web.reactive.function.server.ServerRequest;
import reactor.core.publisher.Mono;

/**
 * Who may do what in a docker registry: the core {@link AccessGuard} decides, for Basic credentials and API tokens as
 * for the registry tokens of Docker's token flow ({@link RegistryTokens}); a 401 carries the challenge that tells the
 * client where to get a token.
 */
final class OciAccess {

    private final AccessGuard guard;
    private final RegistryTokens tokens;

    OciAccess(AccessGuard guard, RegistryTokens tokens) {
        this.guard = guard;
        this.tokens = tokens;
    }

    /** The caller, when it has {@code role} in the registry; else a 401 or 403 as the guard says. */
    Mono<Principal> require(ServerRequest request, ServedRegistry registry, Role role) {
        Optional<Principal> holder = tokens.principal(request, registry.name());
        if (holder.isEmpty()) {
            return guard.require(request, registry, role);
        }
        Principal principal = holder.get();
        Role allowed = principal.tokenScopes().get(registry.name());
        if (!principal.isAnonymous() && (allowed == null || !allowed.includes(role))) {
            // Docker's "insufficient scope": the client asks the token endpoint for the scope the challenge names.
            return Mono.error(new OciException(
                    OciError.UNAUTHORIZED,
                    "the token does not allow the " + role.name().toLowerCase(Locale.ROOT) + " role in registry '"
                            + registry.name() + "'; get a token for the scope the challenge names"));
        }
        return guard.authorize(request, registry, principal, role);
    }
}
