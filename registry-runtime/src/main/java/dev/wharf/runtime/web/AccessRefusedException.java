package dev.wharf.runtime.web;

import dev.wharf.api.v1alpha1.registry.Role;
import dev.wharf.runtime.auth.Principal;
import java.util.Locale;
import org.springframework.http.HttpStatus;

/**
 * The caller may not do what it asked: 401 when it should authenticate (anonymous, or bad credentials), 403 when it
 * is authenticated but lacks the role.
 */
public final class AccessRefusedException extends RequestRefusedException {

    private static final long serialVersionUID = 1L;

    private AccessRefusedException(HttpStatus status, String title, String message) {
        super(status, title, message);
    }

    /** Whether the client should retry with credentials. */
    public boolean challenge() {
        return status() == HttpStatus.UNAUTHORIZED;
    }

    /** An anonymous caller asked for more than anonymous access allows. */
    static AccessRefusedException authenticate(String registry, Role role) {
        return new AccessRefusedException(
                HttpStatus.UNAUTHORIZED,
                "Authentication required",
                "registry '" + registry + "' needs the " + name(role) + " role; send credentials (Basic or Bearer)");
    }

    /** The credentials presented are not valid. */
    static AccessRefusedException badCredentials(String reason) {
        return new AccessRefusedException(HttpStatus.UNAUTHORIZED, "Authentication failed", reason);
    }

    /** An authenticated caller lacks the role. */
    static AccessRefusedException deny(String registry, Role role, Principal principal) {
        return new AccessRefusedException(
                HttpStatus.FORBIDDEN,
                "Forbidden",
                principal.name() + " does not have the " + name(role) + " role in registry '" + registry
                        + "'; an admin of the registry can grant it in spec.access.rules");
    }

    /** An API token lacks the scope for what its owner's role would allow. */
    static AccessRefusedException denyByTokenScope(String registry, Role role, Principal principal) {
        String scope = principal
                .tokenLimit(registry)
                .map(limit -> "is scoped to " + name(limit) + " in registry '" + registry + "'")
                .orElse("has no scope for registry '" + registry + "'");
        return new AccessRefusedException(
                HttpStatus.FORBIDDEN,
                "Forbidden",
                "the API token of " + principal.name() + " " + scope + ", and this needs " + name(role)
                        + "; use a token with the " + name(role) + " scope for '" + registry + "', or "
                        + principal.name() + "'s password");
    }

    /** An endpoint of the whole runtime, such as the status endpoint, that needs an authenticated caller. */
    static AccessRefusedException authenticateForRuntime() {
        return new AccessRefusedException(
                HttpStatus.UNAUTHORIZED,
                "Authentication required",
                "this endpoint needs an authenticated caller; send credentials (Basic or Bearer)");
    }

    static String name(Role role) {
        return role.name().toLowerCase(Locale.ROOT);
    }
}
