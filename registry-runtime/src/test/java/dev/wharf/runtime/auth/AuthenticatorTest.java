package dev.wharf.runtime.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.api.v1alpha1.registry.Role;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

class AuthenticatorTest {

    static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
    static final String VALID = ApiTokens.generate();
    static final String EXPIRED = ApiTokens.generate();
    static final String REVOKED = ApiTokens.generate();

    /** The two tokens this test issued, looked up by hash as the token repository does. */
    static final TokenStore ISSUED = hash -> {
        if (hash.equals(ApiTokens.hash(VALID))) {
            return Mono.just(new StoredToken("ci", Set.of("builders"), Map.of("npm", Role.WRITE), null, null));
        }
        if (hash.equals(ApiTokens.hash(EXPIRED))) {
            return Mono.just(new StoredToken("ci", Set.of(), Map.of("npm", Role.WRITE), NOW.minusSeconds(1), null));
        }
        if (hash.equals(ApiTokens.hash(REVOKED))) {
            return Mono.just(
                    new StoredToken("ci", Set.of(), Map.of("npm", Role.WRITE), null, NOW.minus(Duration.ofHours(2))));
        }
        return Mono.empty();
    };

    static final RegistryAccess NPM = new RegistryAccess(
            "npm", AccessPolicy.of(null), UserDirectory.parse(UserDirectoryTest.USERS, "admin: wharf-admins\n"));

    final Authenticator authenticator = new Authenticator(ISSUED, Clock.fixed(NOW, ZoneOffset.UTC));

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void authenticateWhenNoHeaderShouldBeAnonymous() {
        StepVerifier.create(authenticator.authenticate(null, NPM))
                .expectNext(Principal.ANONYMOUS)
                .verifyComplete();
    }

    @Test
    void authenticateWhenBasicUserAndPasswordMatchShouldBeThatUser() {
        StepVerifier.create(authenticator.authenticate(basic("admin", "wharf-local-admin"), NPM))
                .assertNext(p -> assertThat(p.name()).isEqualTo("admin"))
                .verifyComplete();
    }

    @Test
    void authenticateWhenPasswordIsWrongShouldFailRatherThanFallBackToAnonymous() {
        StepVerifier.create(authenticator.authenticate(basic("admin", "guess"), NPM))
                .expectErrorSatisfies(e -> assertThat(e)
                        .isInstanceOf(AuthenticationFailedException.class)
                        .hasMessage("unknown user or wrong password for registry npm")
                        .hasMessageNotContaining("guess"))
                .verify();
    }

    @Test
    void authenticateWhenTokenIsSentAsBearerOrAsBasicPasswordShouldBeTheTokenOwner() {
        for (String header : new String[] {"Bearer " + VALID, basic("anything", VALID)}) {
            StepVerifier.create(authenticator.authenticate(header, NPM))
                    .assertNext(p -> {
                        assertThat(p.kind()).isEqualTo(Principal.Kind.TOKEN);
                        assertThat(p.name()).isEqualTo("ci");
                        assertThat(p.groups()).contains("builders");
                        assertThat(p.tokenScopes()).containsEntry("npm", Role.WRITE);
                    })
                    .verifyComplete();
        }
    }

    @Test
    void authenticateWhenTokenExpiredShouldSaySoWithoutTheToken() {
        StepVerifier.create(authenticator.authenticate("Bearer " + EXPIRED, NPM))
                .expectErrorSatisfies(e -> assertThat(e)
                        .hasMessageContaining("expired at 2026-11-22T11:59:59Z")
                        .hasMessageNotContaining(EXPIRED))
                .verify();
    }

    @Test
    void authenticateWhenTokenWasRevokedShouldSaySinceWhenAndToCreateANewOne() {
        StepVerifier.create(authenticator.authenticate("Bearer " + REVOKED, NPM))
                .expectErrorMessage(
                        "the API token was revoked at 2026-11-22T10:00:00Z; create a new one (POST /api/v1/tokens)")
                .verify();
    }

    @Test
    void authenticateWhenTokenIsUnknownShouldFail() {
        StepVerifier.create(authenticator.authenticate("Bearer " + ApiTokens.generate(), NPM))
                .expectErrorMessage("unknown API token")
                .verify();
    }

    @Test
    void authenticateWhenHeaderIsMalformedShouldFailWithTheReason() {
        StepVerifier.create(authenticator.authenticate("Basic %%%", NPM))
                .expectErrorMessage("the Basic authorization is not valid base64")
                .verify();
    }
}
