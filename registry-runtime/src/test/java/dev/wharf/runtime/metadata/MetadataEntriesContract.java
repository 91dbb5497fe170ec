package dev.wharf.runtime.metadata;

import static dev.wharf.runtime.metadata.Metadata.block;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link MetadataEntries}: {@code key:value} entries on packages and versions. */
abstract class MetadataEntriesContract extends MetadataContract {

    @Test
    void setOnPackageShouldAddAndChangeEntriesAndKeepTheOthers() {
        long packageId = newPackage();
        block(m.entries.setOnPackage(packageId, Map.of("team", "web", "tier", "1")));

        Map<String, String> after = block(m.entries.setOnPackage(packageId, Map.of("tier", "2", "owner", "alice")));

        assertThat(after)
                .containsExactly(Map.entry("owner", "alice"), Map.entry("team", "web"), Map.entry("tier", "2"));
        assertThat(block(m.entries.ofPackage(packageId))).isEqualTo(after);
    }

    @Test
    void setOnVersionShouldKeepEntriesApartFromThePackages() {
        RegistryRecord registry = m.newRegistry();
        m.push(registry, "app", "1.0", "a.txt", "a");
        VersionRecord version = m.version(registry, "app", "1.0");

        block(m.entries.setOnVersion(version.id(), Map.of("reviewed", "yes")));

        assertThat(block(m.entries.ofVersion(version.id()))).containsExactly(Map.entry("reviewed", "yes"));
        assertThat(block(m.entries.ofPackage(version.packageId()))).isEmpty();
    }

    @Test
    void deleteShouldReturnWhetherTheKeyWasSet() {
        long packageId = newPackage();
        block(m.entries.setOnPackage(packageId, Map.of("team", "web", "tier", "1")));

        assertThat(block(m.entries.deleteFromPackage(packageId, "team"))).isTrue();
        assertThat(block(m.entries.deleteFromPackage(packageId, "team"))).isFalse();
        assertThat(block(m.entries.ofPackage(packageId))).containsExactly(Map.entry("tier", "1"));
    }

    @Test
    void deleteFromVersionShouldReturnWhetherTheKeyWasSet() {
        RegistryRecord registry = m.newRegistry();
        m.push(registry, "app", "1.0", "a.txt", "a");
        long versionId = m.version(registry, "app", "1.0").id();
        block(m.entries.setOnVersion(versionId, Map.of("reviewed", "yes")));

        assertThat(block(m.entries.deleteFromVersion(versionId, "reviewed"))).isTrue();
        assertThat(block(m.entries.deleteFromVersion(versionId, "reviewed"))).isFalse();
    }

    @Test
    void setWhenEntriesWouldExceedTheMaximumShouldFailAndChangeNothing() {
        long packageId = newPackage();
        Map<String, String> full = new HashMap<>();
        for (int i = 0; i < MetadataEntries.MAX_ENTRIES; i++) {
            full.put("key" + i, "value");
        }
        block(m.entries.setOnPackage(packageId, full));

        assertThatThrownBy(() -> block(m.entries.setOnPackage(packageId, Map.of("key0", "changed", "one-more", "x"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the package would carry 101 metadata entries; at most 100 are allowed: delete some first");
        assertThat(block(m.entries.ofPackage(packageId))).hasSize(100).containsEntry("key0", "value");
        assertThat(block(m.entries.setOnPackage(packageId, Map.of("key0", "changed"))))
                .containsEntry("key0", "changed");
    }

    @Test
    void setWhenKeyIsTooLongShouldFail() {
        long packageId = newPackage();

        assertThatThrownBy(() -> block(m.entries.setOnPackage(packageId, Map.of("k".repeat(64), "v"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the metadata key '" + "k".repeat(63) + "...' has 64 characters; it must have 1 to 63");
    }

    @Test
    void setWhenValueIsTooLongShouldFail() {
        long packageId = newPackage();

        assertThatThrownBy(() -> block(m.entries.setOnPackage(packageId, Map.of("k", "v".repeat(4097)))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the value of the metadata key 'k' has 4097 characters; at most 4096 are allowed");
    }

    @Test
    void setWhenPackageIsUnknownShouldBeEmpty() {
        assertThat(block(m.entries.setOnPackage(-1, Map.of("team", "web")))).isNull();
    }

    private long newPackage() {
        RegistryRecord registry = m.newRegistry();
        m.push(registry, "app", "1.0", "a.txt", "a");
        return m.pkg(registry, "app").id();
    }
}
