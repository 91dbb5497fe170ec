package dev.wharf.runtime.metadata;

import static dev.wharf.runtime.metadata.Metadata.TIMEOUT;
import static dev.wharf.runtime.metadata.Metadata.all;
import static dev.wharf.runtime.metadata.Metadata.block;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.api.v1alpha1.registry.Role;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;

/** The schema, times and health, on any database. */
abstract class SchemaContract extends MetadataContract {

    @Test
    void migrateWhenSchemaIsUpToDateShouldApplyNothing() {
        MigratedSchema again = MetadataSchema.migrate(m.testDatabase.settings());

        assertThat(again.migrationsApplied()).isZero();
        assertThat(again.fromVersion()).isEqualTo(MigrationFiles.latestVersion());
        assertThat(again.version()).isEqualTo(MigrationFiles.latestVersion());
    }

    @Test
    void openWhenSchemaIsUpToDateShouldServeTheExistingData() {
        RegistryRecord registry = m.newRegistry();

        try (MetadataDatabase reopened = MetadataDatabase.open(m.testDatabase.settings())) {
            assertThat(block(new Registries(reopened, m.clock).find(registry.name())))
                    .isEqualTo(registry);
        }
    }

    @Test
    void timeWhenWrittenShouldReadBackEqualToTheMicrosecond() {
        RegistryRecord registry = m.newRegistry();
        Instant written = Instant.parse("2024-02-29T23:59:59.987654321Z");

        block(m.audit.record(new AuditEvent(0, written, "wharf", "test.time", registry.name(), null, null, null)));

        assertThat(all(m.audit.recent(registry.name(), 1)))
                .singleElement()
                .extracting(AuditEvent::occurredAt)
                .isEqualTo(Instant.parse("2024-02-29T23:59:59.987654Z"));
    }

    @Test
    void createdAtShouldBeTheClockTimeCutToTheMicrosecond() {
        RegistryRecord registry = m.newRegistry();

        assertThat(registry.createdAt()).isEqualTo(Sql.now(m.clock));
        assertThat(registry.createdAt().getNano() % 1000).isZero();
    }

    @Test
    void openWhenCredentialsAreWrongShouldFailNamingTheDatabaseButNeverThePassword() {
        DatabaseSettings settings = m.testDatabase.settings();
        String password = "pw-" + UUID.randomUUID();
        DatabaseSettings wrong = new DatabaseSettings(
                settings.url(), "nobody", password, settings.maxConnections(), settings.acquireTimeout());

        assertThatThrownBy(() -> MetadataDatabase.open(wrong).close())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("cannot migrate the metadata schema of "
                        + settings.url().description())
                .satisfies(e -> assertThat(stackTrace(e)).doesNotContain(password));
    }

    @Test
    void roleCheckWhenRoleIsUnknownShouldRefuseTheScope() {
        long tokenId = block(m.tokens.create(
                        UUID.randomUUID().toString(), "alice", "check", Set.of(), Map.of("npm", Role.READ), null))
                .id();

        assertThatThrownBy(() -> block(m.database
                        .client()
                        .sql(
                                "INSERT INTO api_token_scope (token_id, registry, role) VALUES (:token, 'docker', 'owner')")
                        .bind("token", tokenId)
                        .then()))
                .isInstanceOf(DataIntegrityViolationException.class)
                .hasMessageContaining("api_token_scope_role_check");
    }

    @Test
    void checkHealthWhenDatabaseAnswersShouldComplete() {
        m.database.checkHealth().block(TIMEOUT);

        assertThat(m.database.description())
                .isEqualTo(m.testDatabase.settings().url().description());
    }

    @Test
    void checkHealthWhenPoolIsClosedShouldFail() {
        MetadataDatabase closed = MetadataDatabase.open(m.testDatabase.settings());
        closed.close();

        assertThatThrownBy(() -> closed.checkHealth().block(TIMEOUT)).isInstanceOf(RuntimeException.class);
    }

    private static String stackTrace(Throwable error) {
        StringWriter out = new StringWriter();
        error.printStackTrace(new PrintWriter(out));
        return out.toString();
    }
}
