package dev.wharf.runtime.metadata;

import static dev.wharf.runtime.metadata.Metadata.all;
import static dev.wharf.runtime.metadata.Metadata.block;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link Versions}: listing, the package's latest version, deletion and copying. */
abstract class VersionsContract extends MetadataContract {

    @Test
    void listShouldReturnNewestFirst() {
        RegistryRecord registry = m.newRegistry();
        m.push(registry, "app", "1.0", "a.txt", "1");
        m.push(registry, "app", "2.0", "a.txt", "2");
        m.push(registry, "app", "1.5", "a.txt", "3");

        assertThat(all(m.versions.list(m.pkg(registry, "app").id())))
                .extracting(VersionRecord::version)
                .containsExactly("1.5", "2.0", "1.0");
    }

    @Test
    void latestShouldBeTheVersionLastPushedTo() {
        RegistryRecord registry = m.newRegistry();
        m.push(registry, "app", "1.0", "a.txt", "1");
        m.push(registry, "app", "2.0", "a.txt", "2");
        assertThat(m.pkg(registry, "app").latestVersion()).isEqualTo("2.0");

        m.push(registry, "app", "1.0", "b.txt", "backport");

        assertThat(m.pkg(registry, "app").latestVersion()).isEqualTo("1.0");
    }

    @Test
    void recordPublishedShouldKeepTheFirstPublishTimeKnown() {
        RegistryRecord registry = m.newRegistry();
        m.push(registry, "app", "1.0", "a.txt", "1");
        long versionId =
                block(m.versions.find(m.pkg(registry, "app").id(), "1.0")).id();
        Instant first = Instant.parse("2026-11-02T08:30:00Z");

        assertThat(block(m.versions.recordPublished(versionId, first))).isTrue();
        assertThat(block(m.versions.recordPublished(versionId, first.plusSeconds(3600))))
                .isFalse();

        assertThat(block(m.versions.find(m.pkg(registry, "app").id(), "1.0")).publishedAt())
                .isEqualTo(first);
    }

    @Test
    void findWhenVersionIsUnknownShouldBeEmpty() {
        RegistryRecord registry = m.newRegistry();
        m.push(registry, "app", "1.0", "a.txt", "1");

        assertThat(block(m.versions.find(m.pkg(registry, "app").id(), "9.9"))).isNull();
    }

    @Test
    void deleteWhenVersionIsLatestShouldMakeTheNewestRemainingLatest() {
        RegistryRecord registry = m.newRegistry();
        m.push(registry, "app", "1.0", "a.txt", "1");
        m.push(registry, "app", "3.0", "a.txt", "3");
        m.push(registry, "app", "2.0", "a.txt", "2");
        Instant now = Sql.now(m.clock);

        assertThat(block(m.versions.delete(m.pkg(registry, "app").id(), "2.0", "user:bob")))
                .isTrue();

        PackageRecord pkg = m.pkg(registry, "app");
        assertThat(pkg.latestVersion()).isEqualTo("3.0");
        assertThat(pkg.versionCount()).isEqualTo(2);
        assertThat(pkg.updatedAt()).isEqualTo(now);
        assertThat(all(m.audit.recent(registry.name(), 1))).singleElement().satisfies(event -> {
            assertThat(event.action()).isEqualTo("version.delete");
            assertThat(event.actor()).isEqualTo("user:bob");
            assertThat(event.version()).isEqualTo("2.0");
        });
    }

    @Test
    void deleteWhenVersionIsNotLatestShouldKeepTheLatest() {
        RegistryRecord registry = m.newRegistry();
        m.push(registry, "app", "1.0", "a.txt", "1");
        m.push(registry, "app", "2.0", "a.txt", "2");

        block(m.versions.delete(m.pkg(registry, "app").id(), "1.0", "user:bob"));

        assertThat(m.pkg(registry, "app").latestVersion()).isEqualTo("2.0");
    }

    @Test
    void deleteWhenVersionIsTheLastShouldDeleteThePackage() {
        RegistryRecord registry = m.newRegistry();
        m.push(registry, "app", "1.0", "a.txt", "1");

        assertThat(block(m.versions.delete(m.pkg(registry, "app").id(), "1.0", "user:bob")))
                .isTrue();

        assertThat(block(m.packages.find(registry.id(), "app"))).isNull();
    }

    @Test
    void deleteWhenVersionIsUnknownShouldReturnFalse() {
        RegistryRecord registry = m.newRegistry();
        m.push(registry, "app", "1.0", "a.txt", "1");

        assertThat(block(m.versions.delete(m.pkg(registry, "app").id(), "9.9", "user:bob")))
                .isFalse();
        assertThat(block(m.versions.delete(-1, "1.0", "user:bob"))).isFalse();
    }

    @Test
    void deleteShouldRemoveTheVersionsFilesTagsAndMetadata() {
        RegistryRecord registry = m.newRegistry();
        m.push(registry, "app", "1.0", "a.txt", "1");
        m.push(registry, "app", "2.0", "a.txt", "2");
        VersionRecord version = m.version(registry, "app", "1.0");
        long packageId = version.packageId();
        block(m.tags.set(packageId, "stable", version.id()));
        block(m.entries.setOnVersion(version.id(), Map.of("team", "web")));

        block(m.versions.delete(packageId, "1.0", "user:bob"));

        assertThat(all(m.files.list(version.id()))).isEmpty();
        assertThat(all(m.tags.list(packageId))).isEmpty();
        assertThat(block(m.entries.ofVersion(version.id()))).isEmpty();
    }

    @Test
    void copyShouldCreateTheVersionWithItsFilesAndMetadataInTheTargetRegistry() {
        RegistryRecord source = m.newRegistry();
        RegistryRecord target = m.newRegistry();
        m.push(source, "app", "1.0", "a.txt", "aaa");
        m.push(source, "app", "1.0", "b.txt", "bb");
        m.push(target, "app", "0.9", "a.txt", "old");
        VersionRecord original = m.version(source, "app", "1.0");
        block(m.entries.setOnVersion(original.id(), Map.of("team", "web")));
        Instant now = Sql.now(m.clock);

        VersionRecord copy = block(m.versions.copy(original.id(), target.id(), "user:carol"));

        assertThat(copy.version()).isEqualTo("1.0");
        assertThat(copy.packageId()).isEqualTo(m.pkg(target, "app").id());
        assertThat(copy.createdAt()).isEqualTo(now);
        assertThat(copy.pushedBy()).isEqualTo("user:carol");
        assertThat(copy.sizeBytes()).isEqualTo(5);
        assertThat(all(m.files.list(copy.id())))
                .extracting(FileRecord::path, FileRecord::digest)
                .containsExactlyElementsOf(all(m.files.list(original.id())).stream()
                        .map(file -> tuple(file.path(), file.digest()))
                        .toList());
        assertThat(block(m.entries.ofVersion(copy.id()))).containsExactly(Map.entry("team", "web"));
        assertThat(m.pkg(target, "app").latestVersion()).isEqualTo("1.0");
        assertThat(all(m.audit.recent(target.name(), 1))).singleElement().satisfies(event -> {
            assertThat(event.action()).isEqualTo("version.copy");
            assertThat(event.detail()).isEqualTo("from " + source.name());
        });
    }

    @Test
    void copyWhenTargetPackageIsMissingShouldCreateIt() {
        RegistryRecord source = m.newRegistry();
        RegistryRecord target = m.newRegistry();
        m.push(source, "@scope/app", "1.0", "a.txt", "a");

        block(m.versions.copy(m.version(source, "@scope/app", "1.0").id(), target.id(), "user:carol"));

        assertThat(m.pkg(target, "@scope/app").versionCount()).isEqualTo(1);
    }

    @Test
    void copyWhenTargetHasTheVersionShouldFailWithVersionExists() {
        RegistryRecord source = m.newRegistry();
        RegistryRecord target = m.newRegistry();
        m.push(source, "app", "1.0", "a.txt", "a");
        m.push(target, "app", "1.0", "a.txt", "other");

        assertThatThrownBy(() ->
                        block(m.versions.copy(m.version(source, "app", "1.0").id(), target.id(), "user:carol")))
                .isInstanceOf(VersionExistsException.class)
                .hasMessage("registry " + target.name()
                        + " already has version 1.0 of app; delete it there first to copy it again");
        assertThat(all(m.files.list(m.version(target, "app", "1.0").id())))
                .extracting(FileRecord::digest)
                .containsExactly(Metadata.digest("other"));
    }

    @Test
    void copyWhenSourceIsUnknownShouldBeEmpty() {
        RegistryRecord target = m.newRegistry();

        assertThat(block(m.versions.copy(-1, target.id(), "user:carol"))).isNull();
    }
}
