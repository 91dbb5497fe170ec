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
}
