package dev.wharf.runtime.metadata;

import static dev.wharf.runtime.metadata.Metadata.all;
import static dev.wharf.runtime.metadata.Metadata.block;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.wharf.api.v1alpha1.registry.Role;
import dev.wharf.runtime.auth.StoredToken;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@link ApiTokenRepository}: tokens stored by hash, with their scopes, groups, expiry and last use. */
abstract class ApiTokensContract extends MetadataContract {

    private static final Map<String, Role> SCOPES =
            Map.of("npm", Role.WRITE, "docker", Role.READ, "maven", Role.DELETE, "*", Role.ADMIN);

    @Test
    void createThenFindByHashShouldReturnTheOwnerGroupsScopesAndExpiry() {
        String hash = newHash();
        Instant expiry = Sql.now(m.clock).plus(Duration.ofDays(30));

        ApiTokenRecord created = block(m.tokens.create(hash, "alice", "CI", Set.of("dev", "ops"), SCOPES, expiry));

        assertThat(block(m.tokens.findByHash(hash)))
                .isEqualTo(new StoredToken("alice", Set.of("dev", "ops"), SCOPES, expiry, null));
        assertThat(created.owner()).isEqualTo("alice");
        assertThat(created.description()).isEqualTo("CI");
        assertThat(created.createdAt()).isEqualTo(Sql.now(m.clock));
        assertThat(created.lastUsedAt()).isNull();
    }

    @Test
    void findByHashWhenHashIsUnknownShouldBeEmpty() {
        assertThat(block(m.tokens.findByHash(newHash()))).isNull();
    }

    @Test
    void findByHashWhenTokenExpiredShouldStillReturnIt() {
        String hash = newHash();
        Instant expiry = Sql.now(m.clock).plus(Duration.ofMinutes(1));
        block(m.tokens.create(hash, "alice", "short", Set.of(), Map.of("npm", Role.READ), expiry));
        m.clock.advance(Duration.ofMinutes(2));

        StoredToken found = block(m.tokens.findByHash(hash));

        assertThat(found.isExpired(m.clock.instant())).isTrue();
        assertThat(found.scopes()).isEqualTo(Map.of("npm", Role.READ));
    }

    @Test
    void findByHashShouldRecordTheUseAtMostOnceAMinute() {
        String owner = "owner-" + UUID.randomUUID();
        String hash = newHash();
        block(m.tokens.create(hash, owner, "CI", Set.of(), SCOPES, null));
        Instant firstUse = Sql.now(m.clock);

        block(m.tokens.findByHash(hash));
        m.clock.advance(Duration.ofSeconds(59));
        block(m.tokens.findByHash(hash));
        assertThat(all(m.tokens.list(owner)))
                .singleElement()
                .extracting(ApiTokenRecord::lastUsedAt)
                .isEqualTo(firstUse);

        m.clock.advance(Duration.ofSeconds(1));
        block(m.tokens.findByHash(hash));
        assertThat(all(m.tokens.list(owner)))
                .singleElement()
                .extracting(ApiTokenRecord::lastUsedAt)
                .isEqualTo(firstUse.plusSeconds(60));
    }

    @Test
    void listShouldReturnTheOwnersTokensNewestFirstWithScopesAndGroups() {
        String owner = "owner-" + UUID.randomUUID();
        block(m.tokens.create(newHash(), owner, "first", Set.of("dev"), Map.of("npm", Role.READ), null));
        m.clock.advance(Duration.ofSeconds(1));
        block(m.tokens.create(newHash(), owner, "second", Set.of(), SCOPES, null));
        block(m.tokens.create(newHash(), "someone-else", "theirs", Set.of(), SCOPES, null));

        assertThat(all(m.tokens.list(owner)))
                .extracting(ApiTokenRecord::description, ApiTokenRecord::groups, ApiTokenRecord::scopes)
                .containsExactly(
                        tuple("second", Set.of(), SCOPES), tuple("first", Set.of("dev"), Map.of("npm", Role.READ)));
    }

    @Test
    void revokeShouldMarkTheTokenRevokedOnlyForItsOwner() {
        String hash = newHash();
        ApiTokenRecord token = block(m.tokens.create(hash, "alice", "CI", Set.of("dev"), SCOPES, null));

        assertThat(block(m.tokens.revoke(token.id(), "mallory"))).isFalse();
        assertThat(block(m.tokens.findByHash(hash)).revokedAt()).isNull();
        m.clock.advance(Duration.ofMinutes(5));
        assertThat(block(m.tokens.revoke(token.id(), "alice"))).isTrue();

        assertThat(block(m.tokens.findByHash(hash)))
                .isEqualTo(new StoredToken("alice", Set.of("dev"), SCOPES, null, Sql.now(m.clock)));
        assertThat(block(m.tokens.revoke(token.id(), "alice"))).isFalse();
    }

    @Test
    void listShouldLeaveTheRevokedTokensOut() {
        String owner = "owner-" + UUID.randomUUID();
        ApiTokenRecord revoked = block(m.tokens.create(newHash(), owner, "old", Set.of(), SCOPES, null));
        block(m.tokens.create(newHash(), owner, "current", Set.of(), SCOPES, null));
        block(m.tokens.revoke(revoked.id(), owner));

        assertThat(all(m.tokens.list(owner)))
                .extracting(ApiTokenRecord::description)
                .containsExactly("current");
    }

    private static String newHash() {
        return (UUID.randomUUID().toString() + UUID.randomUUID()).replace("-", "");
    }
}
