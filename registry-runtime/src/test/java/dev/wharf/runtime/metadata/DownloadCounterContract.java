package dev.wharf.runtime.metadata;

import static dev.wharf.runtime.metadata.Metadata.TIMEOUT;
import static dev.wharf.runtime.metadata.Metadata.block;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** {@link DownloadCounter}: counts gathered in memory, written to files and versions. */
abstract class DownloadCounterContract extends MetadataContract {

    @Test
    void flushShouldAddTheCountsAndLastTimesToFilesAndVersions() {
        RegistryRecord registry = m.newRegistry();
        StoredFile a = m.push(registry, "app", "1.0", "a.txt", "a");
        StoredFile b = m.push(registry, "app", "1.0", "b.txt", "b");
        try (DownloadCounter counter = new DownloadCounter(m.database, m.clock, Duration.ofHours(1))) {
            counter.record(a.file());
            counter.record(b.file());
            m.clock.advance(Duration.ofSeconds(5));
            Instant last = Sql.now(m.clock);
            counter.record(a.file());

            counter.flush().block(TIMEOUT);

            FileRecord fileA = block(m.files.find(a.file().versionId(), "a.txt"));
            assertThat(fileA.downloadCount()).isEqualTo(2);
            assertThat(fileA.lastDownloadedAt()).isEqualTo(last);
            assertThat(block(m.files.find(a.file().versionId(), "b.txt")).downloadCount())
                    .isEqualTo(1);
            VersionRecord version = m.version(registry, "app", "1.0");
            assertThat(version.downloadCount()).isEqualTo(3);
            assertThat(version.lastDownloadedAt()).isEqualTo(last);
        }
    }

    @Test
    void flushShouldAddToTheCountsAlreadyWritten() {
        RegistryRecord registry = m.newRegistry();
        StoredFile a = m.push(registry, "app", "1.0", "a.txt", "a");
        try (DownloadCounter counter = new DownloadCounter(m.database, m.clock, Duration.ofHours(1))) {
            counter.record(a.file());
            counter.flush().block(TIMEOUT);
            counter.record(a.file());
            counter.flush().block(TIMEOUT);
            counter.flush().block(TIMEOUT);
        }

        assertThat(m.version(registry, "app", "1.0").downloadCount()).isEqualTo(2);
    }

    @Test
    void closeShouldWriteTheCountsGathered() {
        RegistryRecord registry = m.newRegistry();
        StoredFile a = m.push(registry, "app", "1.0", "a.txt", "a");
        DownloadCounter counter = new DownloadCounter(m.database, m.clock, Duration.ofHours(1));
        counter.record(a.file());

        counter.close();

        assertThat(m.version(registry, "app", "1.0").downloadCount()).isEqualTo(1);
    }

    @Test
    void countsShouldBeWrittenEveryFlushInterval() {
        RegistryRecord registry = m.newRegistry();
        StoredFile a = m.push(registry, "app", "1.0", "a.txt", "a");
        try (DownloadCounter counter = new DownloadCounter(m.database, m.clock, Duration.ofMillis(100))) {
            counter.record(a.file());

            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(
                            () -> assertThat(m.version(registry, "app", "1.0").downloadCount())
                                    .isEqualTo(1));
        }
    }

    @Test
    void recordWhenTooManyFilesArePendingShouldWriteTheCountsBeforeTheNextTick() {
        RegistryRecord registry = m.newRegistry();
        StoredFile a = m.push(registry, "app", "1.0", "a.txt", "a");
        StoredFile b = m.push(registry, "app", "1.0", "b.txt", "b");
        StoredFile c = m.push(registry, "app", "1.0", "c.txt", "c");
        try (DownloadCounter counter = new DownloadCounter(m.database, m.clock, Duration.ofHours(1), 2)) {
            counter.record(a.file());
            counter.record(b.file());
            counter.record(c.file());

            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(
                            () -> assertThat(m.version(registry, "app", "1.0").downloadCount())
                                    .isEqualTo(3));
        }
    }

    @Test
    void flushWhenAFileWasDeletedShouldWriteTheOthers() {
        RegistryRecord registry = m.newRegistry();
        StoredFile a = m.push(registry, "app", "1.0", "a.txt", "a");
        StoredFile b = m.push(registry, "app", "1.0", "b.txt", "b");
        try (DownloadCounter counter = new DownloadCounter(m.database, m.clock, Duration.ofHours(1))) {
            counter.record(a.file());
            counter.record(b.file());
            block(m.files.delete(a.file().versionId(), "a.txt", "user:bob"));

            counter.flush().block(TIMEOUT);
        }

        assertThat(block(m.files.find(b.file().versionId(), "b.txt")).downloadCount())
                .isEqualTo(1);
    }
}
