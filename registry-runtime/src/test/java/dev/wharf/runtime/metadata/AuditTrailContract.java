package dev.wharf.runtime.metadata;

import static dev.wharf.runtime.metadata.Metadata.all;
import static dev.wharf.runtime.metadata.Metadata.block;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** {@link AuditTrail}: events appended and read newest first. */
abstract class AuditTrailContract extends MetadataContract {

    @Test
    void recordThenRecentShouldReturnTheEventsNewestFirst() {
        RegistryRecord registry = m.newRegistry();
        Instant now = Sql.now(m.clock);
        AuditEvent first = new AuditEvent(0, now, "user:alice", "token.create", registry.name(), null, null, null);
        AuditEvent second = new AuditEvent(0, now, "wharf", "version.delete", registry.name(), "app", "1.0", "cleanup");

        block(m.audit.record(first));
        block(m.audit.record(second));

        assertThat(all(m.audit.recent(registry.name(), 10)))
                .usingRecursiveFieldByFieldElementComparatorIgnoringFields("id")
                .containsExactly(second, first);
    }

    @Test
    void recentWhenRegistryIsNullShouldReturnEveryRegistrysEvents() {
        RegistryRecord one = m.newRegistry();
        RegistryRecord other = m.newRegistry();
        block(m.audit.record(new AuditEvent(0, Sql.now(m.clock), "wharf", "test", one.name(), null, null, null)));
        block(m.audit.record(new AuditEvent(0, Sql.now(m.clock), "wharf", "test", other.name(), null, null, null)));

        assertThat(all(m.audit.recent(null, 2)))
                .extracting(AuditEvent::registry)
                .containsExactly(other.name(), one.name());
        assertThat(all(m.audit.recent(one.name(), 10)))
                .extracting(AuditEvent::registry)
                .containsExactly(one.name());
    }

    @Test
    void recentShouldReturnAtMostTheLimit() {
        RegistryRecord registry = m.newRegistry();
        for (int i = 0; i < 5; i++) {
            block(m.audit.record(
                    new AuditEvent(0, Sql.now(m.clock), "wharf", "test", registry.name(), null, null, "event " + i)));
        }

        assertThat(all(m.audit.recent(registry.name(), 3)))
                .extracting(AuditEvent::detail)
                .containsExactly("event 4", "event 3", "event 2");
    }

    @Test
    void recentWhenLimitIsOutOfRangeShouldFail() {
        assertThatThrownBy(() -> all(m.audit.recent(null, 0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the limit is 0; it must be between 1 and 1000");
        assertThatThrownBy(() -> all(m.audit.recent(null, 1001)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the limit is 1001; it must be between 1 and 1000");
    }
}
