package dev.wharf.runtime.metadata;

import static dev.wharf.runtime.metadata.Metadata.all;
import static dev.wharf.runtime.metadata.Metadata.block;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

/** {@link Registries}: ensure, find and usage figures. */
abstract class RegistriesContract extends MetadataContract {

    @Test
    void ensureWhenNewShouldInsertTheRegistryWithItsFormat() {
        String name = "reg-" + UUID.randomUUID();

        RegistryRecord registry = block(m.registries.ensure(name, "npm"));

        assertThat(registry.name()).isEqualTo(name);
        assertThat(registry.format()).isEqualTo("npm");
        assertThat(registry.createdAt()).isEqualTo(Sql.now(m.clock));
        assertThat(block(m.registries.find(name))).isEqualTo(registry);
    }

    @Test
    void ensureWhenRegistryExistsShouldReturnItUnchanged() {
        RegistryRecord first = m.newRegistry();
        m.clock.advance(Duration.ofMinutes(1));

        RegistryRecord again = block(m.registries.ensure(first.name(), "maven"));

        assertThat(again).isEqualTo(first);
    }

    @Test
    void ensureWhenCalledConcurrentlyShouldCreateOneRow() {
        String name = "reg-" + UUID.randomUUID();

        var ids = all(Flux.range(0, 20)
                .flatMap(i -> m.registries.ensure(name, "npm"), 20)
                .map(RegistryRecord::id));

        assertThat(ids).hasSize(20).containsOnly(ids.get(0));
    }

    @Test
    void findWhenRegistryIsUnknownShouldBeEmpty() {
        assertThat(block(m.registries.find("never-seen-" + UUID.randomUUID()))).isNull();
    }

    @Test
    void usageShouldCountPackagesVersionsFilesBytesAndDownloads() {
        RegistryRecord registry = m.newRegistry();
        StoredFile a = m.push(registry, "app", "1.0", "a.txt", "aaaa");
        m.push(registry, "app", "1.0", "b.txt", "bb");
        m.push(registry, "app", "2.0", "a.txt", "aaaa");
        Instant lastPush = Sql.now(m.clock);
        m.push(registry, "lib", "0.1", "lib.jar", "lllllll");
        try (DownloadCounter counter = new DownloadCounter(m.database, m.clock, Duration.ofHours(1))) {
            counter.record(a.file());
            counter.record(a.file());
        }

        RegistryUsage usage = block(m.registries.usage(registry.id()));

        assertThat(usage).isEqualTo(new RegistryUsage(2, 3, 4, 4 + 2 + 4 + 7, 2, lastPush));
        assertThat(block(m.registries.usageByName())).containsEntry(registry.name(), usage);
    }

    @Test
    void usageWhenRegistryHoldsNothingShouldBeEmpty() {
        RegistryRecord registry = m.newRegistry();

        assertThat(block(m.registries.usage(registry.id()))).isEqualTo(RegistryUsage.EMPTY);
    }

    @Test
    void usageByNameShouldIncludeRegistriesHoldingNothing() {
        RegistryRecord empty = m.newRegistry();
        RegistryRecord full = m.newRegistry();
        m.push(full, "app", "1.0", "a.txt", "a");

        Map<String, RegistryUsage> usage = block(m.registries.usageByName());

        assertThat(usage).containsEntry(empty.name(), RegistryUsage.EMPTY);
        assertThat(usage.get(full.name()).files()).isEqualTo(1);
    }
}
