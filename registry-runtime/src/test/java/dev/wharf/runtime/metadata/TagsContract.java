package dev.wharf.runtime.metadata;

import static dev.wharf.runtime.metadata.Metadata.all;
import static dev.wharf.runtime.metadata.Metadata.block;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

/** {@link Tags}: names pointing at versions. */
abstract class TagsContract extends MetadataContract {

    @Test
    void setThenResolveShouldReturnTheVersion() {
        RegistryRecord registry = m.newRegistry();
        m.push(registry, "app", "1.0", "a.txt", "a");
        VersionRecord version = m.version(registry, "app", "1.0");

        block(m.tags.set(version.packageId(), "latest", version.id()));

        assertThat(block(m.tags.resolve(version.packageId(), "latest"))).isEqualTo(version);
    }

    @Test
    void setWhenTagExistsShouldMoveIt() {
        RegistryRecord registry = m.newRegistry();
        m.push(registry, "app", "1.0", "a.txt", "a");
        m.push(registry, "app", "2.0", "a.txt", "b");
        VersionRecord first = m.version(registry, "app", "1.0");
        VersionRecord second = m.version(registry, "app", "2.0");
        block(m.tags.set(first.packageId(), "latest", first.id()));
        Instant moved = Sql.now(m.clock);

        block(m.tags.set(first.packageId(), "latest", second.id()));

        assertThat(all(m.tags.list(first.packageId()))).containsExactly(new TagRecord("latest", "2.0", null, moved));
    }

    @Test
    void listShouldReturnTheTagsByNameWithTheirVersions() {
        RegistryRecord registry = m.newRegistry();
        m.push(registry, "app", "1.0", "a.txt", "a");
        VersionRecord version = m.version(registry, "app", "1.0");
        block(m.tags.set(version.packageId(), "stable", version.id()));
        block(m.tags.set(version.packageId(), "beta", version.id()));

        assertThat(all(m.tags.list(version.packageId())))
                .extracting(TagRecord::name, TagRecord::version)
                .containsExactly(tuple("beta", "1.0"), tuple("stable", "1.0"));
    }

    @Test
    void resolveWhenTagIsUnknownShouldBeEmpty() {
        RegistryRecord registry = m.newRegistry();
        m.push(registry, "app", "1.0", "a.txt", "a");

        assertThat(block(m.tags.resolve(m.pkg(registry, "app").id(), "latest"))).isNull();
    }

    @Test
    void deleteShouldReturnWhetherThePackageHadTheTag() {
        RegistryRecord registry = m.newRegistry();
        m.push(registry, "app", "1.0", "a.txt", "a");
        VersionRecord version = m.version(registry, "app", "1.0");
        block(m.tags.set(version.packageId(), "latest", version.id()));

        assertThat(block(m.tags.delete(version.packageId(), "latest"))).isTrue();
        assertThat(block(m.tags.delete(version.packageId(), "latest"))).isFalse();
        assertThat(all(m.tags.list(version.packageId()))).isEmpty();
    }

    @Test
    void setWhenVersionIsOfAnotherPackageShouldFail() {
        RegistryRecord registry = m.newRegistry();
        m.push(registry, "app", "1.0", "a.txt", "a");
        m.push(registry, "lib", "1.0", "a.txt", "a");
        long appId = m.pkg(registry, "app").id();
        long libVersionId = m.version(registry, "lib", "1.0").id();

        assertThatThrownBy(() -> block(m.tags.set(appId, "latest", libVersionId)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot point the tag latest at version id " + libVersionId + ": it is not a version of"
                        + " package id " + appId);
    }

    @Test
    void setWhenCalledConcurrentlyShouldKeepOneTag() {
        RegistryRecord registry = m.newRegistry();
        m.push(registry, "app", "1.0", "a.txt", "a");
        VersionRecord version = m.version(registry, "app", "1.0");

        block(Flux.range(0, 20)
                .flatMap(i -> m.tags.set(version.packageId(), "latest", version.id()), 20)
                .then());

        List<TagRecord> tags = all(m.tags.list(version.packageId()));
        assertThat(tags).extracting(TagRecord::name).containsExactly("latest");
    }
}
