package dev.wharf.runtime.metadata;

import static dev.wharf.runtime.metadata.Metadata.all;
import static dev.wharf.runtime.metadata.Metadata.block;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link Packages}: listing with figures, paging, sorting and filtering; lookup; deletion. */
abstract class PackagesContract extends MetadataContract {

    @Test
    void findShouldCarryThePackagesFigures() {
        RegistryRecord registry = m.newRegistry();
        StoredFile a = m.push(registry, "app", "1.0", "a.txt", "aaaa");
        m.push(registry, "app", "1.0", "b.txt", "bb");
        StoredFile c = m.push(registry, "app", "2.0", "a.txt", "cccccc");
        Instant created = a.file().createdAt();
        Instant lastDownload = Sql.now(m.clock);
        try (DownloadCounter counter = new DownloadCounter(m.database, m.clock, Duration.ofHours(1))) {
            counter.record(a.file());
            counter.record(c.file());
            counter.record(c.file());
        }

        PackageRecord pkg = m.pkg(registry, "app");

        assertThat(pkg)
                .isEqualTo(new PackageRecord(
                        pkg.id(), registry.id(), "app", created, c.file().createdAt(), "2.0", 2, 12, 3, lastDownload));
    }

    @Test
    void findWhenPackageIsUnknownShouldBeEmpty() {
        RegistryRecord registry = m.newRegistry();

        assertThat(block(m.packages.find(registry.id(), "app"))).isNull();
    }

    @Test
    void listShouldPageAndCountEveryMatch() {
        RegistryRecord registry = m.newRegistry();
        for (int i = 1; i <= 5; i++) {
            m.push(registry, "pkg" + i, "1.0", "a.txt", "a");
        }

        assertThat(names(registry, query(null, PackageQuery.Sort.NAME, false, 0, 2)))
                .containsExactly("pkg1", "pkg2");
        Page<PackageRecord> last =
                block(m.packages.list(registry.id(), query(null, PackageQuery.Sort.NAME, false, 2, 2)));
        assertThat(last.items()).extracting(PackageRecord::name).containsExactly("pkg5");
        assertThat(last.totalItems()).isEqualTo(5);
        assertThat(last.totalPages()).isEqualTo(3);
        Page<PackageRecord> beyond =
                block(m.packages.list(registry.id(), query(null, PackageQuery.Sort.NAME, false, 3, 2)));
        assertThat(beyond.items()).isEmpty();
        assertThat(beyond.totalItems()).isEqualTo(5);
    }

    @ParameterizedTest
    @CsvSource({
        "NAME, false, alpha beta gamma",
        "NAME, true, gamma beta alpha",
        "SIZE, true, alpha gamma beta",
        "SIZE, false, beta alpha gamma",
        "DOWNLOADS, true, beta alpha gamma",
        "CREATED, false, alpha beta gamma",
        "CREATED, true, gamma beta alpha",
        "UPDATED, true, alpha gamma beta"
    })
    void listShouldSortByTheKeyAndBreakTiesByName(PackageQuery.Sort sort, boolean descending, String expected) {
        RegistryRecord registry = m.newRegistry();
        StoredFile alpha = m.push(registry, "alpha", "1.0", "a.txt", "x".repeat(30));
        StoredFile beta = m.push(registry, "beta", "1.0", "a.txt", "y".repeat(10));
        m.push(registry, "gamma", "1.0", "a.txt", "z".repeat(30));
        m.push(registry, "alpha", "1.0", "b.txt", "");
        try (DownloadCounter counter = new DownloadCounter(m.database, m.clock, Duration.ofHours(1))) {
            counter.record(alpha.file());
            for (int i = 0; i < 5; i++) {
                counter.record(beta.file());
            }
        }

        assertThat(names(registry, query(null, sort, descending, 0, 10))).containsExactly(expected.split(" "));
    }

    @Test
    void listWhenFilteredShouldMatchPartOfTheNameIgnoringCase() {
        RegistryRecord registry = m.newRegistry();
        for (String name : List.of("My_Lib", "mylib", "my%lib", "other")) {
            m.push(registry, name, "1.0", "a.txt", "a");
        }

        assertThat(names(registry, query("YL", PackageQuery.Sort.NAME, false, 0, 10)))
                .containsExactlyInAnyOrder("mylib");
        assertThat(names(registry, query("MY", PackageQuery.Sort.NAME, false, 0, 10)))
                .containsExactlyInAnyOrder("My_Lib", "mylib", "my%lib");
        assertThat(block(m.packages.list(registry.id(), query("MY", PackageQuery.Sort.NAME, false, 0, 1)))
                        .totalItems())
                .isEqualTo(3);
    }

    @Test
    void listWhenFilterHoldsPercentOrUnderscoreShouldMatchThemLiterally() {
        RegistryRecord registry = m.newRegistry();
        for (String name : List.of("My_Lib", "mylib", "my%lib", "a!b")) {
            m.push(registry, name, "1.0", "a.txt", "a");
        }

        assertThat(names(registry, query("_", PackageQuery.Sort.NAME, false, 0, 10)))
                .containsExactly("My_Lib");
        assertThat(names(registry, query("y%", PackageQuery.Sort.NAME, false, 0, 10)))
                .containsExactly("my%lib");
        assertThat(names(registry, query("!", PackageQuery.Sort.NAME, false, 0, 10)))
                .containsExactly("a!b");
    }

    @Test
    void deleteShouldRemoveThePackageWithEverythingItHolds() {
        RegistryRecord registry = m.newRegistry();
        m.push(registry, "app", "1.0", "a.txt", "a");
        m.push(registry, "app", "2.0", "a.txt", "b");
        PackageRecord pkg = m.pkg(registry, "app");
        VersionRecord version = m.version(registry, "app", "1.0");
        block(m.tags.set(pkg.id(), "stable", version.id()));
        block(m.entries.setOnPackage(pkg.id(), Map.of("team", "web")));
        block(m.entries.setOnVersion(version.id(), Map.of("reviewed", "yes")));

        assertThat(block(m.packages.delete(registry.id(), "app", "user:bob"))).isTrue();

        assertThat(block(m.packages.find(registry.id(), "app"))).isNull();
        assertThat(all(m.versions.list(pkg.id()))).isEmpty();
        assertThat(all(m.files.list(version.id()))).isEmpty();
        assertThat(all(m.tags.list(pkg.id()))).isEmpty();
        assertThat(block(m.entries.ofPackage(pkg.id()))).isEmpty();
        assertThat(block(m.entries.ofVersion(version.id()))).isEmpty();
        assertThat(block(m.registries.usage(registry.id()))).isEqualTo(RegistryUsage.EMPTY);
        assertThat(all(m.audit.recent(registry.name(), 1)))
                .extracting(AuditEvent::action, AuditEvent::actor, AuditEvent::packageName)
                .containsExactly(tuple("package.delete", "user:bob", "app"));
    }

    @Test
    void deleteShouldKeepTheBlobRowsForGarbageCollection() {
        RegistryRecord registry = m.newRegistry();
        String content = "kept " + registry.name();
        m.push(registry, "app", "1.0", "a.txt", content);

        block(m.packages.delete(registry.id(), "app", "user:bob"));

        assertThat(block(m.database
                        .client()
                        .sql("SELECT COUNT(*) AS n FROM blob_ref WHERE digest = :digest")
                        .bind("digest", Metadata.digest(content).toString())
                        .map(row -> Sql.number(row, "n"))
                        .one()))
                .isEqualTo(1);
    }

    @Test
    void deleteWhenPackageIsUnknownShouldReturnFalse() {
        RegistryRecord registry = m.newRegistry();

        assertThat(block(m.packages.delete(registry.id(), "app", "user:bob"))).isFalse();
        assertThat(all(m.audit.recent(registry.name(), 1))).isEmpty();
    }

    private List<String> names(RegistryRecord registry, PackageQuery query) {
        return block(m.packages.list(registry.id(), query)).items().stream()
                .map(PackageRecord::name)
                .toList();
    }

    private static PackageQuery query(
            String contains, PackageQuery.Sort sort, boolean descending, int page, int pageSize) {
        return new PackageQuery(contains, sort, descending, page, pageSize);
    }
}
