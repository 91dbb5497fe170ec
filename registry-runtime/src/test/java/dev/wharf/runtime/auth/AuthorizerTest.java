package dev.wharf.runtime.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.api.v1alpha1.registry.Access;
import dev.wharf.api.v1alpha1.registry.AccessRule;
import dev.wharf.api.v1alpha1.registry.Role;
import dev.wharf.api.v1alpha1.registry.Subject;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class AuthorizerTest {

    static final AccessPolicy POLICY = AccessPolicy.of(new Access(
            false,
            "users",
            null,
            null,
            List.of(
                    new AccessRule(List.of(new Subject(null, "dev", null)), Role.READ),
                    new AccessRule(List.of(new Subject("alice", null, null)), Role.WRITE),
                    new AccessRule(List.of(new Subject(null, "ops", null)), Role.DELETE),
                    new AccessRule(List.of(new Subject("root", null, null)), Role.ADMIN))));

    static final AccessPolicy PUBLIC = AccessPolicy.of(new Access(true, null, null, null, null));

    @ParameterizedTest
    @EnumSource(Role.class)
    void anonymousWhenRegistryIsPrivateShouldBeAskedToAuthenticate(Role required) {
        assertThat(Authorizer.decide(POLICY, "npm", Principal.ANONYMOUS, required))
                .isEqualTo(Decision.AUTHENTICATE);
    }

    @Test
    void anonymousWhenRegistryAllowsAnonymousReadShouldReadButNeverWrite() {
        assertThat(Authorizer.decide(PUBLIC, "npm", Principal.ANONYMOUS, Role.READ))
                .isEqualTo(Decision.ALLOW);
        assertThat(Authorizer.decide(PUBLIC, "npm", Principal.ANONYMOUS, Role.WRITE))
                .isEqualTo(Decision.AUTHENTICATE);
        assertThat(Authorizer.decide(PUBLIC, "npm", Principal.ANONYMOUS, Role.DELETE))
                .isEqualTo(Decision.AUTHENTICATE);
        assertThat(Authorizer.decide(PUBLIC, "npm", Principal.ANONYMOUS, Role.ADMIN))
                .isEqualTo(Decision.AUTHENTICATE);
    }

    @Test
    void userWhenBoundByNameShouldGetThatRoleAndTheOnesBelow() {
        Principal alice = Principal.user("alice", Set.of());

        assertThat(Authorizer.decide(POLICY, "npm", alice, Role.READ)).isEqualTo(Decision.ALLOW);
        assertThat(Authorizer.decide(POLICY, "npm", alice, Role.WRITE)).isEqualTo(Decision.ALLOW);
        assertThat(Authorizer.decide(POLICY, "npm", alice, Role.DELETE)).isEqualTo(Decision.DENY);
    }

    @Test
    void userWhenBoundSeveralTimesShouldGetTheHighestRole() {
        Principal alice = Principal.user("alice", Set.of("dev", "ops"));

        assertThat(POLICY.roleOf(alice)).contains(Role.DELETE);
    }

    @Test
    void userWhenUnboundShouldBeDeniedEvenReading() {
        Principal mallory = Principal.user("mallory", Set.of("outsiders"));

        assertThat(Authorizer.decide(POLICY, "npm", mallory, Role.READ)).isEqualTo(Decision.DENY);
    }

    @Test
    void authenticatedUserWhenRegistryAllowsAnonymousReadShouldReadToo() {
        Principal mallory = Principal.user("mallory", Set.of());

        assertThat(Authorizer.decide(PUBLIC, "npm", mallory, Role.READ)).isEqualTo(Decision.ALLOW);
        assertThat(Authorizer.decide(PUBLIC, "npm", mallory, Role.WRITE)).isEqualTo(Decision.DENY);
    }

    @Test
    void authenticatedGroupWhenBoundShouldMatchEveryLoggedInUser() {
        AccessPolicy policy = AccessPolicy.of(new Access(
                null,
                null,
                null,
                null,
                List.of(new AccessRule(List.of(new Subject(null, Principal.AUTHENTICATED_GROUP, null)), Role.READ))));

        assertThat(Authorizer.decide(policy, "npm", Principal.user("anyone", Set.of()), Role.READ))
                .isEqualTo(Decision.ALLOW);
        assertThat(Authorizer.decide(policy, "npm", Principal.ANONYMOUS, Role.READ))
                .isEqualTo(Decision.AUTHENTICATE);
    }

    @Test
    void tokenShouldNeverExceedItsScopeAndSaysTheScopeIsTheLimit() {
        Principal rootToken = Principal.token("root", Set.of(), Map.of("npm", Role.READ));

        assertThat(Authorizer.decide(POLICY, "npm", rootToken, Role.READ)).isEqualTo(Decision.ALLOW);
        assertThat(Authorizer.decide(POLICY, "npm", rootToken, Role.WRITE)).isEqualTo(Decision.DENY_BY_TOKEN_SCOPE);
    }

    @Test
    void tokenShouldNeverExceedItsOwnersRoleAndSaysTheRoleIsTheLimit() {
        Principal aliceToken = Principal.token("alice", Set.of(), Map.of("*", Role.ADMIN));

        assertThat(Authorizer.decide(POLICY, "npm", aliceToken, Role.WRITE)).isEqualTo(Decision.ALLOW);
        assertThat(Authorizer.decide(POLICY, "npm", aliceToken, Role.DELETE)).isEqualTo(Decision.DENY);
    }

    @Test
    void tokenWhenScopedBelowARoleItsOwnerLacksTooShouldSayTheRoleIsTheLimit() {
        Principal aliceToken = Principal.token("alice", Set.of(), Map.of("npm", Role.READ));

        assertThat(Authorizer.decide(POLICY, "npm", aliceToken, Role.DELETE)).isEqualTo(Decision.DENY);
    }

    @Test
    void tokenWhenScopedToAnotherRegistryShouldBeDeniedByItsScope() {
        Principal rootToken = Principal.token("root", Set.of(), Map.of("maven", Role.ADMIN));

        assertThat(Authorizer.decide(POLICY, "npm", rootToken, Role.READ)).isEqualTo(Decision.DENY_BY_TOKEN_SCOPE);
    }

    @Test
    void tokenOfAUserWithoutARoleShouldSayTheRoleIsTheLimit() {
        Principal strangerToken = Principal.token("mallory", Set.of(), Map.of("*", Role.ADMIN));

        assertThat(Authorizer.decide(POLICY, "npm", strangerToken, Role.READ)).isEqualTo(Decision.DENY);
    }

    @Test
    void registryWithoutAccessSpecShouldAllowNobody() {
        AccessPolicy none = AccessPolicy.of(null);

        assertThat(Authorizer.decide(none, "npm", Principal.ANONYMOUS, Role.READ))
                .isEqualTo(Decision.AUTHENTICATE);
        assertThat(Authorizer.decide(none, "npm", Principal.user("root", Set.of()), Role.READ))
                .isEqualTo(Decision.DENY);
    }
}
