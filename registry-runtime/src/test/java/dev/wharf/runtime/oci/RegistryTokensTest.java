package dev.wharf.runtime.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.api.v1alpha1.registry.Role;
import dev.wharf.runtime.auth.Principal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.reactive.function.server.HandlerStrategies;
import org.springframework.web.reactive.function.server.ServerRequest;

/** Issuing and verifying registry tokens: what they allow, how long, and that a changed one is refused. */
class RegistryTokensTest {

    private static final byte[] KEY = new byte[32];
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final Principal ALICE = Principal.user("alice", Set.of("writers"));

    private final RegistryTokens tokens = new RegistryTokens(KEY, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void anAccessTokenNamesItsHolderAndAllowsAtMostItsRoleInThatRegistryOnly() {
        String token = tokens.issue(ALICE, Map.of("images", Role.WRITE));

        Principal principal = tokens.principal(request(token), "images").orElseThrow();
        assertThat(principal.name()).isEqualTo("alice");
        assertThat(principal.groups()).contains("writers");
        assertThat(principal.tokenScopes()).isEqualTo(Map.of("images", Role.WRITE));
        assertThat(tokens.principal(request(token), "other").orElseThrow().tokenScopes())
                .isEmpty();
    }

    @Test
    void anExpiredTokenIsRefused() {
        String token = tokens.issue(ALICE, Map.of("images", Role.READ));
        RegistryTokens later = new RegistryTokens(
                KEY, Clock.fixed(NOW.plus(RegistryTokens.ACCESS_LIFETIME).plusSeconds(1), ZoneOffset.UTC));

        assertThatThrownBy(() -> later.principal(request(token), "images"))
                .hasMessage("the access token has expired; get a new one from the token endpoint");
    }

    @Test
    void aTokenSignedWithAnotherKeyIsRefusedWithoutRepeatingIt() {
        byte[] otherKey = new byte[32];
        otherKey[0] = 1;
        String token = new RegistryTokens(otherKey, Clock.fixed(NOW, ZoneOffset.UTC)).issue(ALICE, Map.of());

        assertThatThrownBy(() -> tokens.principal(request(token), "images"))
                .isInstanceOf(OciException.class)
                .hasMessageStartingWith("the token's signature is not valid")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(token));
    }

    @Test
    void aRefreshTokenIsNoAccessTokenAndAnAccessTokenNoRefreshToken() {
        String refresh = tokens.issueRefresh(ALICE, Set.of("images"));
        String access = tokens.issue(ALICE, Map.of());

        assertThatThrownBy(() -> tokens.principal(request(refresh), "images"))
                .hasMessage("the token is not an access token");
        assertThatThrownBy(() -> tokens.refresh(access)).hasMessage("the token is not an refresh token");
        RegistryTokens.Refreshed refreshed = tokens.refresh(refresh);
        assertThat(refreshed.principal().name()).isEqualTo("alice");
        assertThat(refreshed.verifiedIn()).containsExactly("images");
    }

    @Test
    void otherBearerTokensAreLeftToTheCoreAuthenticator() {
        assertThat(tokens.principal(request("wharf_abc"), "images")).isEmpty();
    }

    @Test
    void aKeyShorterThan32BytesIsRefused() {
        assertThatThrownBy(() -> new RegistryTokens(new byte[16], Clock.systemUTC()))
                .hasMessage("the registry token key needs at least 32 bytes, not 16");
    }

    @Test
    void scopesAreReadWithTheirRegistryNameAndActions() {
        assertThat(TokenScope.parse(List.of("repository:images/team/app:pull,push repository:other/x:delete")))
                .containsExactly(
                        new TokenScope("images", "team/app", Set.of("pull", "push")),
                        new TokenScope("other", "x", Set.of("delete")));
    }

    private static ServerRequest request(String token) {
        MockServerWebExchange exchange = MockServerWebExchange.from(
                MockServerHttpRequest.get("/v2/images/app/tags/list").header("Authorization", "Bearer " + token));
        return ServerRequest.create(exchange, HandlerStrategies.withDefaults().messageReaders());
    }
}
