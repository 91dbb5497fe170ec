package dev.wharf.runtime.auth;

import dev.wharf.api.v1alpha1.registry.Role;
import java.util.List;
import java.util.Optional;

/**
 * The one authorization check every route goes through: may this principal do what {@code required} allows in a
 * registry with this access policy? Anonymous callers may only read, and only where the registry allows it; a token
 * never does more than both its owner's role and its own scope allow, and when its scope is what stops it the
 * decision says so.
 */
public final class Authorizer {

    private Authorizer() {}

    public static Decision decide(AccessPolicy policy, String registry, Principal principal, Role required) {
        if (principal.isAnonymous()) {
            return required == Role.READ && policy.anonymousRead() ? Decision.ALLOW : Decision.AUTHENTICATE;
        }
        Optional<Role> owned = policy.roleOf(principal);
        Optional<Role> granted = owned;
        if (principal.kind() == Principal.Kind.TOKEN) {
            granted = owned.flatMap(role -> principal.tokenLimit(registry).map(limit -> lower(role, limit)));
        }
        if (granted.isPresent() && granted.get().includes(required)) {
            return Decision.ALLOW;
        }
        // An authenticated caller may still read what anonymous callers may.
        if (required == Role.READ && policy.anonymousRead()) {
            return Decision.ALLOW;
        }
        return owned.isPresent() && owned.get().includes(required) ? Decision.DENY_BY_TOKEN_SCOPE : Decision.DENY;
    }

    /** The highest role the principal may use in the registry; empty when it may not even read. */
    public static Optional<Role> highestRole(AccessPolicy policy, String registry, Principal principal) {
        for (Role role : List.of(Role.ADMIN, Role.DELETE, Role.WRITE, Role.READ)) {
            if (decide(policy, registry, principal, role) == Decision.ALLOW) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }

    private static Role lower(Role a, Role b) {
        return a.includes(b) ? b : a;
    }
}
