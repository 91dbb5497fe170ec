package dev.wharf.runtime.metadata;

import static dev.wharf.runtime.metadata.Metadata.all;
import static dev.wharf.runtime.metadata.Metadata.block;
import static dev.wharf.runtime.metadata.Metadata.digest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

/** {@link Files}: recording uploads, with their effect on versions and packages, listing and deletion. */
abstract class FilesContract extends MetadataContract {

    @Test
    void recordWhenPathIsNewShouldCreatePackageVersionAndFile() {
        RegistryRecord registry = m.newRegistry();
        Instant now = Sql.now(m.clock);

        StoredFile stored = block(m.files.record(m.newFile(registry, "app", "1.0", "app.tgz", "hello")));

        assertThat(stored.outcome()).isEqualTo(StoredFile.Outcome.CREATED);
        VersionRecord version = m.version(registry, "app", "1.0");
        assertThat(stored.file())
                .isEqualTo(new FileRecord(
                        stored.file().id(), version.id(), "app.tgz", digest("hello"), 5, "text/plain", now, 0, null));
        assertThat(version.pushedBy()).isEqualTo("user:alice");
        assertThat(version.upstream()).isNull();
        assertThat(version.createdAt()).isEqualTo(now);
        assertThat(version.sizeBytes()).isEqualTo(5);
        PackageRecord pkg = m.pkg(registry, "app");
        assertThat(pkg.latestVersion()).isEqualTo("1.0");
        assertThat(pkg.createdAt()).isEqualTo(now);
        assertThat(pkg.updatedAt()).isEqualTo(now);
    }

    @Test
    void recordWhenSameContentIsThereShouldLeaveItUnchanged() {
        RegistryRecord registry = m.newRegistry();
        StoredFile first = m.push(registry, "app", "1.0", "app.tgz", "hello");

        StoredFile again = block(m.files.record(m.newFile(registry, "app", "1.0", "app.tgz", "hello")));

        assertThat(again).isEqualTo(new StoredFile(first.file(), StoredFile.Outcome.UNCHANGED));
        assertThat(m.pkg(registry, "app").updatedAt()).isEqualTo(first.file().createdAt());
    }

    @Test
    void recordWhenPathHoldsOtherContentAndOverwriteIsRefusedShouldFailWithConflict() {
        RegistryRecord registry = m.newRegistry();
        m.push(registry, "app", "1.0", "app.tgz", "hello");

        assertThatThrownBy(() -> block(m.files.record(m.newFile(registry, "app", "1.0", "app.tgz", "changed"))))
                .isInstanceOfSatisfying(
                        FileConflictException.class,
                        e -> assertThat(e.existing()).isEqualTo(digest("hello")))
                .hasMessage("version 1.0 of app already has app.tgz with digest " + digest("hello")
                        + "; versions are immutable in this registry: push a new version, or delete this one first");
        assertThat(block(m.files.find(m.version(registry, "app", "1.0").id(), "app.tgz"))
                        .digest())
                .isEqualTo(digest("hello"));
    }

    @Test
    void recordWhenPathHoldsOtherContentAndOverwriteIsAllowedShouldReplaceIt() {
        RegistryRecord registry = m.newRegistry();
        m.push(registry, "app", "1.0", "app.tgz", "hello");
        m.push(registry, "app", "1.0", "other.txt", "xy");
        Instant now = Sql.now(m.clock);

        StoredFile replaced = block(m.files.record(
                m.newFile(registry, "app", "1.0", "app.tgz", "hello, world", NewFile.Overwrite.REPLACE)));

        assertThat(replaced.outcome()).isEqualTo(StoredFile.Outcome.REPLACED);
        assertThat(replaced.file().digest()).isEqualTo(digest("hello, world"));
        assertThat(replaced.file().sizeBytes()).isEqualTo(12);
        assertThat(replaced.file().createdAt()).isEqualTo(now);
        assertThat(m.version(registry, "app", "1.0").sizeBytes()).isEqualTo(12 + 2);
    }

    @Test
    void recordWhenTwentyFilesOfANewVersionArriveConcurrentlyShouldStoreThemAllInOneVersion() {
        RegistryRecord registry = m.newRegistry();

        List<StoredFile> stored = all(Flux.range(0, 20)
                .flatMap(i -> m.files.record(m.newFile(registry, "app", "1.0", "file-" + i, "content " + i)), 20));

        assertThat(stored)
                .hasSize(20)
                .allSatisfy(file -> assertThat(file.outcome()).isEqualTo(StoredFile.Outcome.CREATED));
        PackageRecord pkg = m.pkg(registry, "app");
        List<VersionRecord> versions = all(m.versions.list(pkg.id()));
        assertThat(versions).singleElement().satisfies(version -> {
            assertThat(all(m.files.list(version.id()))).hasSize(20);
            assertThat(version.sizeBytes()).isEqualTo(10 * "content 0".length() + 10 * "content 10".length());
        });
        assertThat(pkg.latestVersion()).isEqualTo("1.0");
        assertThat(all(m.audit.recent(registry.name(), 100))).hasSize(20);
    }

    @Test
    void recordWhenContentCameThroughAnUpstreamShouldKeepTheUpstreamAndNoPusher() {
        RegistryRecord registry = m.newRegistry();
        NewFile file = m.newFile(registry, "left-pad", "1.3.0", "left-pad-1.3.0.tgz", "pad");

        block(m.files.record(new NewFile(
                file.registryId(),
                file.packageName(),
                file.version(),
                file.path(),
                file.digest(),
                file.sizeBytes(),
                file.contentType(),
                "wharf",
                "npmjs",
                file.overwrite())));

        VersionRecord version = m.version(registry, "left-pad", "1.3.0");
        assertThat(version.upstream()).isEqualTo("npmjs");
        assertThat(version.pushedBy()).isNull();
    }

    @Test
    void recordWhenBlobIsMarkedForDeletionShouldFailAndStoreNothing() {
        RegistryRecord registry = m.newRegistry();
        String content = "marked " + registry.name();
        block(m.database
                .client()
                .sql("INSERT INTO blob_ref (digest, size_bytes, created_at, last_claimed_at, gc_marked_at)"
                        + " VALUES (:digest, 1, :now, :now, :now)")
                .bind("digest", digest(content).toString())
                .bind("now", Sql.time(Sql.now(m.clock)))
                .then());

        assertThatThrownBy(() -> block(m.files.record(m.newFile(registry, "app", "1.0", "a.txt", content))))
                .isInstanceOf(BlobMarkedForDeletionException.class)
                .hasMessage("the blob " + digest(content)
                        + " is being deleted by garbage collection; upload it again, then retry");
        assertThat(block(m.packages.find(registry.id(), "app"))).isNull();
    }

    @Test
    void recordShouldAuditThePushWithPathAndDigest() {
        RegistryRecord registry = m.newRegistry();

        m.push(registry, "app", "1.0", "app.tgz", "hello");

        assertThat(all(m.audit.recent(registry.name(), 10))).singleElement().satisfies(event -> {
            assertThat(event.action()).isEqualTo("version.push");
            assertThat(event.actor()).isEqualTo("user:alice");
            assertThat(event.packageName()).isEqualTo("app");
            assertThat(event.version()).isEqualTo("1.0");
            assertThat(event.detail()).isEqualTo("app.tgz " + digest("hello"));
        });
    }

    @Test
    void listShouldReturnTheVersionsFilesByPath() {
        RegistryRecord registry = m.newRegistry();
        m.push(registry, "app", "1.0", "b.txt", "b");
        m.push(registry, "app", "1.0", "a.txt", "a");

        assertThat(all(m.files.list(m.version(registry, "app", "1.0").id())))
                .extracting(FileRecord::path)
                .containsExactly("a.txt", "b.txt");
    }

    @Test
    void findWhenPathIsUnknownShouldBeEmpty() {
        RegistryRecord registry = m.newRegistry();
        m.push(registry, "app", "1.0", "a.txt", "a");

        assertThat(block(m.files.find(m.version(registry, "app", "1.0").id(), "b.txt")))
                .isNull();
    }

    @Test
    void deleteShouldRemoveTheFileShrinkTheVersionAndAuditIt() {
        RegistryRecord registry = m.newRegistry();
        m.push(registry, "app", "1.0", "a.txt", "aaa");
        m.push(registry, "app", "1.0", "b.txt", "b");
        long versionId = m.version(registry, "app", "1.0").id();

        assertThat(block(m.files.delete(versionId, "a.txt", "user:bob"))).isTrue();
        assertThat(block(m.files.delete(versionId, "a.txt", "user:bob"))).isFalse();

        assertThat(all(m.files.list(versionId))).extracting(FileRecord::path).containsExactly("b.txt");
        assertThat(m.version(registry, "app", "1.0").sizeBytes()).isEqualTo(1);
        assertThat(all(m.audit.recent(registry.name(), 1)))
                .extracting(AuditEvent::action, AuditEvent::actor, AuditEvent::detail)
                .containsExactly(tuple("file.delete", "user:bob", "a.txt " + digest("aaa")));
    }
}
