package dev.wharf.runtime.metadata;

import static dev.wharf.runtime.metadata.Metadata.block;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@link FileLookup}: a download's file, version and package found from their names in one query. */
abstract class FileLookupContract extends MetadataContract {

    @Test
    void byVersionShouldFindTheFileWithItsVersion() {
        RegistryRecord registry = m.newRegistry();
        m.push(registry, "app", "1.0", "a.txt", "one");
        m.push(registry, "app", "1.0", "b.txt", "two");
        VersionRecord version = m.version(registry, "app", "1.0");

        VersionedFile found = block(m.lookup.byVersion(registry.id(), "app", "1.0", "b.txt"));

        assertThat(found.version()).isEqualTo(version);
        assertThat(found.file()).isEqualTo(block(m.files.find(version.id(), "b.txt")));
        assertThat(found.file().digest()).isEqualTo(Metadata.digest("two"));
    }

    @Test
    void byTagShouldFindTheFileOfTheVersionTheTagPointsAt() {
        RegistryRecord registry = m.newRegistry();
        m.push(registry, "app", "1.0", "a.txt", "one");
        m.push(registry, "app", "2.0", "a.txt", "two");
        VersionRecord second = m.version(registry, "app", "2.0");
        block(m.tags.set(second.packageId(), "stable", second.id()));

        VersionedFile found = block(m.lookup.byTag(registry.id(), "app", "stable", "a.txt"));

        assertThat(found.version()).isEqualTo(second);
        assertThat(found.file().digest()).isEqualTo(Metadata.digest("two"));
    }

    @Test
    void aNameThatMatchesNothingShouldBeEmpty() {
        RegistryRecord registry = m.newRegistry();
        RegistryRecord other = m.newRegistry();
        m.push(registry, "app", "1.0", "a.txt", "one");
        VersionRecord version = m.version(registry, "app", "1.0");
        block(m.tags.set(version.packageId(), "stable", version.id()));

        assertThat(block(m.lookup.byVersion(other.id(), "app", "1.0", "a.txt"))).isNull();
        assertThat(block(m.lookup.byVersion(registry.id(), "lib", "1.0", "a.txt")))
                .isNull();
        assertThat(block(m.lookup.byVersion(registry.id(), "app", "2.0", "a.txt")))
                .isNull();
        assertThat(block(m.lookup.byVersion(registry.id(), "app", "1.0", "b.txt")))
                .isNull();
        assertThat(block(m.lookup.byVersion(registry.id(), "app", "stable", "a.txt")))
                .isNull();
        assertThat(block(m.lookup.byTag(registry.id(), "app", "1.0", "a.txt"))).isNull();
        assertThat(block(m.lookup.byTag(registry.id(), "app", "stable", "b.txt")))
                .isNull();
    }

    @Test
    void aFileFoundShouldBeServedFromMemoryUntilTheRecheck() {
        RegistryRecord registry = m.newRegistry();
        m.push(registry, "app", "1.0", "a.txt", "one");
        long[] now = {0};
        FileLookup lookup = new FileLookup(m.database, () -> now[0]);
        VersionedFile first = block(lookup.byVersion(registry.id(), "app", "1.0", "a.txt"));
        // Another replica deletes it: this runtime counts no change of its own.
        block(m.database
                .client()
                .sql("DELETE FROM file WHERE id = :id")
                .bind("id", first.file().id())
                .then());

        now[0] = FileLookup.RECHECK.toNanos() - 1;
        assertThat(block(lookup.byVersion(registry.id(), "app", "1.0", "a.txt")))
                .isEqualTo(first);
        now[0] = FileLookup.RECHECK.toNanos();
        assertThat(block(lookup.byVersion(registry.id(), "app", "1.0", "a.txt")))
                .isNull();
    }

    @Test
    void aDeleteOrReplacementThisRuntimeCommitsShouldBeSeenAtOnce() {
        RegistryRecord registry = m.newRegistry();
        m.push(registry, "app", "1.0", "a.txt", "one");
        m.push(registry, "app", "1.0", "b.txt", "two");
        m.push(registry, "app", "2.0", "c.txt", "three");
        m.push(registry, "lib", "1.0", "d.txt", "four");
        FileLookup lookup = new FileLookup(m.database, () -> 0);
        VersionRecord first = m.version(registry, "app", "1.0");
        for (String path : new String[] {"a.txt", "b.txt"}) {
            assertThat(block(lookup.byVersion(registry.id(), "app", "1.0", path)))
                    .isNotNull();
        }
        assertThat(block(lookup.byVersion(registry.id(), "app", "2.0", "c.txt")))
                .isNotNull();
        assertThat(block(lookup.byVersion(registry.id(), "lib", "1.0", "d.txt")))
                .isNotNull();

        block(m.files.record(m.newFile(registry, "app", "1.0", "b.txt", "other", NewFile.Overwrite.REPLACE)));
        assertThat(block(lookup.byVersion(registry.id(), "app", "1.0", "b.txt"))
                        .file()
                        .digest())
                .isEqualTo(Metadata.digest("other"));

        block(m.files.delete(first.id(), "a.txt", "tester"));
        assertThat(block(lookup.byVersion(registry.id(), "app", "1.0", "a.txt")))
                .isNull();

        block(m.versions.delete(first.packageId(), "2.0", "tester"));
        assertThat(block(lookup.byVersion(registry.id(), "app", "2.0", "c.txt")))
                .isNull();

        block(m.packages.delete(registry.id(), "lib", "tester"));
        assertThat(block(lookup.byVersion(registry.id(), "lib", "1.0", "d.txt")))
                .isNull();
    }
}
