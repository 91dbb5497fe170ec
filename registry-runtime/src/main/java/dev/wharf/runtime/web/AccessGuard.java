package dev.wharf.runtime.web;

import dev.wharf.api.v1alpha1.registry.Role;
import dev.wharf.runtime.auth.AuthenticationFailedException;
import dev.wharf.runtime.auth.Authenticator;
import dev.wharf.runtime.auth.Authorizer;
import dev.wharf.runtime.auth.Principal;
import java.util.Collection;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.function.server.ServerRequest;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The one authorization check every route goes through: authenticates the request's credentials for a registry and
 * decides with {@link Authorizer} whether the caller has the role. The principal is kept on the exchange for the
 * request log and the audit trail.
 */
public final class AccessGuard {

    /** The exchange attribute holding the authenticated {@link Principal}. */
    public static final String PRINCIPAL_ATTRIBUTE = AccessGuard.class.getName() + ".principal";

    private final Authenticator authenticator;
    private final LoginThrottle throttle;

    public AccessGuard(Authenticator authenticator, LoginThrottle throttle) {
        this.authenticator = authenticator;
        this.throttle = throttle;
    }

    /**
     * The caller, when it has {@code role} in the registry.
     *
     * @return the principal; or an {@link AccessRefusedException}: 401 for an anonymous caller who needs to
     *     authenticate or bad credentials, 403 for a caller without the role
     */
    public Mono<Principal> require(ServerRequest request, ServedRegistry registry, Role role) {
        return authenticate(request, registry).flatMap(principal -> authorize(request, registry, principal, role));
    }

    /**
     * The principal a format authenticated itself (such as the holder of a registry token it issued), when it has
     * {@code role} in the registry; the same decision and errors as {@link #require}.
     */
    public Mono<Principal> authorize(ServerRequest request, ServedRegistry registry, Principal principal, Role role) {
        remember(request, principal);
        return switch (Authorizer.decide(registry.access().policy(), registry.name(), principal, role)) {
            case ALLOW -> Mono.just(principal);
            case AUTHENTICATE -> Mono.error(AccessRefusedException.authenticate(registry.name(), role));
            case DENY -> Mono.error(AccessRefusedException.deny(registry.name(), role, principal));
            case DENY_BY_TOKEN_SCOPE ->
                Mono.error(AccessRefusedException.denyByTokenScope(registry.name(), role, principal));
        };
    }

    /**
     * An authenticated caller, for endpoints of the whole runtime: an API token, or a user of any registry's users
     * Secret.
     */
    public Mono<Principal> requireAuthenticated(ServerRequest request, Collection<ServedRegistry> registries) {
        String header = authorization(request);
        if (header == null) {
            return Mono.error(AccessRefusedException.authenticateForRuntime());
        }
        // A password may belong to any registry's users; a token is checked the same for all, and its failure says why.
        boolean token = Authenticator.presentsToken(header);
        Mono<Principal> check = Flux.fromIterable(registries)
                .concatMap(registry -> authenticator
                        .authenticate(header, registry.access())
                        .onErrorResume(AuthenticationFailedException.class, e -> token ? Mono.error(e) : Mono.empty()))
                .filter(principal -> !principal.isAnonymous())
                .next()
                .onErrorMap(
                        AuthenticationFailedException.class,
                        e -> AccessRefusedException.badCredentials(String.valueOf(e.getMessage())))
                .switchIfEmpty(Mono.error(
                        AccessRefusedException.badCredentials("unknown user, wrong password, or unknown API token")));
        return throttle.guard(request, header, check, AccessRefusedException.class::isInstance)
                .doOnNext(principal -> remember(request, principal));
    }

    /** The principal a guard let through on this request; anonymous when none did. */
    public static Principal principal(ServerRequest request) {
        Optional<Object> principal = request.attribute(PRINCIPAL_ATTRIBUTE);
        return principal
                .filter(Principal.class::isInstance)
                .map(Principal.class::cast)
                .orElse(Principal.ANONYMOUS);
    }

    private Mono<Principal> authenticate(ServerRequest request, ServedRegistry registry) {
        String header = authorization(request);
        Mono<Principal> check = authenticator
                .authenticate(header, registry.access())
                .onErrorMap(
                        AuthenticationFailedException.class,
                        e -> AccessRefusedException.badCredentials(String.valueOf(e.getMessage())));
        return throttle.guard(request, header, check, AccessRefusedException.class::isInstance);
    }

    private static @Nullable String authorization(ServerRequest request) {
        return request.headers().firstHeader(HttpHeaders.AUTHORIZATION);
    }

    private static void remember(ServerRequest request, Principal principal) {
        request.attributes().put(PRINCIPAL_ATTRIBUTE, principal);
    }
}
