package dev.wharf.runtime.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.api.v1alpha1.registry.Role;
import dev.wharf.runtime.web.RequestRefusedException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Checking the body of a token request. */
class TokenRequestTest {

    @Test
    void validateWhenOnlyScopesAreGivenShouldExpireInNinetyDays() {
        TokenRequest.Grant grant = new TokenRequest(null, null, Map.of("files", "write")).validate();

        assertThat(grant).isEqualTo(new TokenRequest.Grant("", 90, Map.of("files", Role.WRITE)));
    }

    @Test
    void validateWhenEveryRegistryIsAskedShouldKeepTheStar() {
        assertThat(new TokenRequest("all", 1, Map.of("*", "admin")).validate().scopes())
                .isEqualTo(Map.of("*", Role.ADMIN));
    }

    @Test
    void validateWhenScopesAreMissingShouldRefuseWithAnExample() {
        assertThatThrownBy(() -> new TokenRequest("x", 30, null).validate())
                .isInstanceOf(RequestRefusedException.class)
                .hasMessageStartingWith("the token needs at least one scope, a registry name and a role; send such as");
    }

    @Test
    void validateWhenExpiryIsZeroShouldRefuse() {
        assertThatThrownBy(() -> new TokenRequest(null, 0, Map.of("files", "read")).validate())
                .hasMessage("expiresInDays is 0; it must be from 1 to 365 (days)");
    }

    @Test
    void validateWhenScopeIsNotARegistryNameShouldRefuse() {
        assertThatThrownBy(() -> new TokenRequest(null, null, Map.of("Files/..", "read")).validate())
                .hasMessage("the scope 'Files/..' is not a registry name; use a registry's name, or * for every"
                        + " registry");
    }

    @Test
    void validateWhenRoleIsCapitalisedShouldRefuseListingTheRoles() {
        assertThatThrownBy(() -> new TokenRequest(null, null, Map.of("files", "WRITE")).validate())
                .hasMessage("the role of scope 'files' is 'WRITE'; it must be one of read, write, delete, admin");
    }

    @Test
    void validateWhenDescriptionIsTooLongShouldRefuse() {
        assertThatThrownBy(() -> new TokenRequest("d".repeat(201), null, Map.of("files", "read")).validate())
                .hasMessage("the description has 201 characters; at most 200 are allowed");
    }
}
