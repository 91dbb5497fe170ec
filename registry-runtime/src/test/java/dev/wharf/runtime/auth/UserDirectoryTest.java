package dev.wharf.runtime.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class UserDirectoryTest {

    /** htpasswd -nbB admin wharf-local-admin, as in samples/local/users.yaml. */
    static final String USERS = """
            # local users
            admin:$2b$10$ZLb0rdm8OVlrEjWWDwUdQOMgRBGU0nqGnzAAjtm1Snks4xGX8uHcq
            plain:not-a-bcrypt-hash
            """;

    static final UserDirectory DIRECTORY = UserDirectory.parse(USERS, "admin: wharf-admins, ops\n");

    @Test
    void authenticateWhenPasswordMatchesShouldReturnUserWithGroups() {
        assertThat(DIRECTORY.authenticate("admin", "wharf-local-admin")).hasValueSatisfying(p -> {
            assertThat(p.name()).isEqualTo("admin");
            assertThat(p.groups()).containsExactlyInAnyOrder("wharf-admins", "ops", Principal.AUTHENTICATED_GROUP);
            assertThat(p.kind()).isEqualTo(Principal.Kind.USER);
        });
    }

    @Test
    void authenticateWhenPasswordIsWrongShouldFail() {
        assertThat(DIRECTORY.authenticate("admin", "wharf-local-admin ")).isEmpty();
    }

    @Test
    void authenticateWhenUserIsUnknownShouldFail() {
        assertThat(DIRECTORY.authenticate("nobody", "wharf-local-admin")).isEmpty();
    }

    @Test
    void parseWhenHashIsNotBcryptShouldSkipTheLineRatherThanCompareInClearText() {
        assertThat(DIRECTORY.userNames()).isEqualTo(Set.of("admin"));
        assertThat(DIRECTORY.authenticate("plain", "not-a-bcrypt-hash")).isEmpty();
    }

    @Test
    void toStringShouldNameUsersButNeverHashes() {
        assertThat(DIRECTORY.toString()).contains("admin").doesNotContain("$2b$");
    }
}
