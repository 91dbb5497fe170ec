package dev.wharf.runtime.auth;

import java.time.Clock;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Turns an {@code Authorization} header into a {@link Principal} for one registry: Basic with a user of the registry's
 * users Secret, Basic with an API token as password (what docker, Maven and pip send), or Bearer with an API token.
 * No header means {@link Principal#ANONYMOUS}; bad credentials are an {@link AuthenticationFailedException}, never a
 * silent fall back to anonymous.
 */
public final class Authenticator {

    private final TokenStore tokens;
    private final Clock clock;
    private final VerifiedPasswords passwords = new VerifiedPasswords();

    public Authenticator(TokenStore tokens, Clock clock) {
        this.tokens = tokens;
        this.clock = clock;
    }

    public Mono<Principal> authenticate(@Nullable String authorizationHeader, RegistryAccess registry) {
        Optional<Credentials> credentials;
        try {
            credentials = Credentials.parse(authorizationHeader);
        } catch (IllegalArgumentException e) {
            return Mono.error(new AuthenticationFailedException(String.valueOf(e.getMessage())));
        }
        if (credentials.isEmpty()) {
            return Mono.just(Principal.ANONYMOUS);
        }
        return switch (credentials.get()) {
            case Credentials.Bearer bearer -> token(bearer.token());
            case Credentials.Basic basic when ApiTokens.looksLikeToken(basic.password()) -> token(basic.password());
            case Credentials.Basic basic ->
                passwords
                        .check(registry.users(), basic.user(), basic.password())
                        .flatMap(user -> user.map(Mono::just)
                                .orElseGet(() -> Mono.error(new AuthenticationFailedException(
                                        "unknown user or wrong password for registry " + registry.registry()))));
        };
    }

    /**
     * Whether the header presents an API token (Bearer, or Basic with a token as password), whose check is the same for
     * every registry.
     */
    public static boolean presentsToken(@Nullable String authorizationHeader) {
        try {
            return Credentials.parse(authorizationHeader)
                    .filter(credentials -> !(credentials instanceof Credentials.Basic basic)
                            || ApiTokens.looksLikeToken(basic.password()))
                    .isPresent();
        } catch (IllegalArgumentException malformed) {
            return false;
        }
    }

    private Mono<Principal> token(String token) {
        if (!ApiTokens.looksLikeToken(token)) {
            return Mono.error(new AuthenticationFailedException("the bearer token is not a Wharf API token"));
        }
        return tokens.findByHash(ApiTokens.hash(token))
                .switchIfEmpty(Mono.error(new AuthenticationFailedException("unknown API token")))
                .flatMap(stored -> {
                    if (stored.revokedAt() != null) {
                        return Mono.error(new AuthenticationFailedException("the API token was revoked at "
                                + stored.revokedAt() + "; create a new one (POST /api/v1/tokens)"));
                    }
                    if (stored.isExpired(clock.instant())) {
                        return Mono.error(new AuthenticationFailedException(
                                "the API token expired at " + stored.expiresAt() + "; issue a new one"));
                    }
                    return Mono.just(Principal.token(stored.owner(), stored.groups(), stored.scopes()));
                });
    }
}
