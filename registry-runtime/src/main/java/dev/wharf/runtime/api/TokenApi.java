package dev.wharf.runtime.api;

import dev.wharf.api.v1alpha1.registry.Role;
import dev.wharf.runtime.auth.ApiTokens;
import dev.wharf.runtime.auth.Principal;
import dev.wharf.runtime.metadata.ApiTokenRecord;
import dev.wharf.runtime.metadata.ApiTokenRepository;
import dev.wharf.runtime.web.AccessGuard;
import dev.wharf.runtime.web.AccessRefusedException;
import dev.wharf.runtime.web.RequestRefusedException;
import dev.wharf.runtime.web.ServedRegistries;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@code /api/v1/tokens}: the caller issues API tokens for itself, lists and revokes its own. A token never does more
 * than its scopes allow, and its scopes never more than its owner may do when it is issued: each named registry is
 * checked through {@link AccessGuard}, and {@code *} needs the admin role in every registry. The token is shown once;
 * only its hash is stored, and it never reaches a log.
 */
final class TokenApi {

    private final ServedRegistries registries;
    private final AccessGuard guard;
    private final ApiTokenRepository tokens;
    private final ApiAudit audit;
    private final Clock clock;

    TokenApi(ServedRegistries registries, AccessGuard guard, ApiTokenRepository tokens, ApiAudit audit, Clock clock) {
        this.registries = registries;
        this.guard = guard;
        this.tokens = tokens;
        this.audit = audit;
        this.clock = clock;
    }

    /** Issues a token: 201 with the token, shown this once. */
    Mono<ServerResponse> create(ServerRequest request) {
        return guard.requireAuthenticated(request, registries.serving()).flatMap(principal -> {
            if (principal.kind() == Principal.Kind.TOKEN) {
                return Mono.error(
                        forbidden("an API token cannot issue API tokens; log in with a password to issue one"));
            }
            return JsonBodies.read(request, TokenRequest.class, TokenRequest.EXAMPLE)
                    .map(TokenRequest::validate)
                    .flatMap(
                            grant -> mayGrant(request, grant.scopes()).then(Mono.defer(() -> issue(principal, grant))));
        });
    }

    /** The caller's tokens, newest first, without the tokens themselves. */
    Mono<ServerResponse> list(ServerRequest request) {
        return guard.requireAuthenticated(request, registries.serving())
                .flatMap(principal ->
                        tokens.list(principal.name()).map(TokenView::of).collectList())
                .flatMap(ApiResponses::json);
    }

    /** Revokes one of the caller's tokens. */
    Mono<ServerResponse> revoke(ServerRequest request) {
        String id = request.pathVariable("id");
        return guard.requireAuthenticated(request, registries.serving())
                .flatMap(principal -> {
                    long number = id(id);
                    return tokens.revoke(number, principal.name())
                            .flatMap(revoked -> revoked
                                    ? audit.record(principal, "token.revoke", null, null, null, "token " + number)
                                    : Mono.error(RequestRefusedException.notFound("you have no API token with id "
                                            + number + "; GET /api/v1/tokens lists yours")));
                })
                .then(ApiResponses.noContent());
    }

    private Mono<ServerResponse> issue(Principal principal, TokenRequest.Grant grant) {
        String token = ApiTokens.generate();
        Set<String> groups = principal.groups().stream()
                .filter(group -> !group.equals(Principal.AUTHENTICATED_GROUP))
                .collect(Collectors.toUnmodifiableSet());
        return tokens.create(
                        ApiTokens.hash(token),
                        principal.name(),
                        grant.description(),
                        groups,
                        grant.scopes(),
                        clock.instant().plus(Duration.ofDays(grant.expiresInDays())))
                .flatMap(record -> audit.record(
                                principal,
                                "token.create",
                                null,
                                null,
                                null,
                                "token " + record.id() + " scopes " + TokenView.scopes(record.scopes()))
                        .thenReturn(record))
                .flatMap(record -> issued(record, token));
    }

    private static Mono<ServerResponse> issued(ApiTokenRecord record, String token) {
        return ServerResponse.status(HttpStatus.CREATED)
                .contentType(MediaType.APPLICATION_JSON)
                .cacheControl(CacheControl.noStore())
                .bodyValue(TokenView.of(record, token));
    }

    /** Completes when the caller has every role the scopes grant; a 400 or 403 naming the first it lacks. */
    private Mono<Void> mayGrant(ServerRequest request, Map<String, Role> scopes) {
        return Flux.fromIterable(scopes.entrySet())
                .concatMap(scope -> scope.getKey().equals(TokenRequest.EVERY_REGISTRY)
                        ? adminEverywhere(request)
                        : has(request, scope.getKey(), scope.getValue()))
                .then();
    }

    private Mono<Void> has(ServerRequest request, String name, Role role) {
        return registries.serving().stream()
                .filter(registry -> registry.name().equals(name))
                .findFirst()
                .map(registry -> guard.require(request, registry, role)
                        .onErrorMap(
                                AccessRefusedException.class,
                                refused -> forbidden("you cannot issue a token with"
                                        + " the " + TokenRequest.name(role) + " role in registry '" + name
                                        + "': you do not"
                                        + " have that role there"))
                        .then())
                .orElseGet(() -> Mono.error(RequestRefusedException.badRequest("the scopes name registry '" + name
                        + "', which this runtime does not serve; GET /api/v1/registries lists the registries")));
    }

    private Mono<Void> adminEverywhere(ServerRequest request) {
        return Flux.fromIterable(registries.serving())
                .concatMap(registry -> guard.require(request, registry, Role.ADMIN)
                        .onErrorMap(
                                AccessRefusedException.class,
                                refused -> forbidden("a '*' scope needs the admin"
                                        + " role in every registry this runtime serves, and you lack it in registry '"
                                        + registry.name() + "'; name the registries in the scopes instead")))
                .then();
    }

    private static long id(String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw RequestRefusedException.badRequest("the token id '" + Echo.printable(id)
                    + "' is not a number; GET /api/v1/tokens lists your tokens with their ids");
        }
    }

    private static RequestRefusedException forbidden(String message) {
        return new RequestRefusedException(HttpStatus.FORBIDDEN, "Forbidden", message);
    }
}
