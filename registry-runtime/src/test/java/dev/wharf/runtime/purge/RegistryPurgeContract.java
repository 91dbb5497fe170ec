package dev.wharf.runtime.purge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import dev.wharf.api.v1alpha1.registry.Storage;
import dev.wharf.runtime.metadata.RegistryRecord;
import dev.wharf.runtime.metadata.StoredFile;
import dev.wharf.runtime.storage.BlobStore;
import dev.wharf.runtime.storage.ByteRange;
import dev.wharf.runtime.storage.Digest;
import dev.wharf.runtime.storage.StorageException;
import dev.wharf.runtime.storage.StoredBlob;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.buffer.DataBuffer;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The purge of one registry of two that share a metadata database and a blob store; run on each database and store
 * by {@link RegistryPurgeTest}.
 */
abstract class RegistryPurgeContract {

    /** Rows per transaction: small, so that every kind of row takes several. */
    private static final int BATCH = 3;

    /** More versions than one batch holds. */
    private static final int VERSIONS = 2 * BATCH + 1;

    @TempDir
    Path dataDir;

    SharedStorage shared;
    RegistryRecord purged;
    RegistryRecord kept;
    Digest sharedBlob;
    List<Digest> purgedOnly;
    List<Digest> keptOnly;

    abstract PurgeDatabase database();

    abstract Storage storage();

    @BeforeEach
    void twoRegistriesSharingABlob() {
        shared = new SharedStorage(database(), storage(), dataDir);
        purged = shared.registry("purged");
        kept = shared.registry("kept");

        StoredFile first = shared.push(purged, "app", "1.0", "app.txt", "content both registries hold");
        sharedBlob = first.file().digest();
        Digest purgedFile = shared.push(purged, "app", "1.0", "notes.txt", "content only the purged one holds")
                .file()
                .digest();
        for (int i = 0; i < VERSIONS; i++) {
            shared.push(purged, "many", "0." + i, "file.txt", "version " + i);
        }
        long packageId =
                SharedStorage.block(shared.packages.find(purged.id(), "app")).id();
        SharedStorage.block(
                shared.tags.set(packageId, "latest", first.file().versionId()).thenReturn(true));
        SharedStorage.block(shared.entries.setOnPackage(packageId, Map.of("team", "web")));
        SharedStorage.block(shared.entries.setOnVersion(first.file().versionId(), Map.of("build", "7")));
        Digest layer = shared.link(purged, "team/image", "a layer only the purged one links");
        Digest chunk = shared.upload(purged, "team/image", "a chunk of an upload in progress");
        shared.token("purged", "kept");
        purgedOnly = List.of(purgedFile, layer, chunk);

        shared.push(kept, "lib", "2.0", "lib.txt", "content both registries hold");
        keptOnly = List.of(
                shared.push(kept, "lib", "2.0", "own.txt", "content only the kept one holds")
                        .file()
                        .digest(),
                shared.link(kept, "team/image", "content both registries hold"));
    }

    @AfterEach
    void close() {
        if (shared != null) {
            shared.close();
        }
    }

    @Test
    void purgeWhenTwoRegistriesShareStoreAndDatabaseShouldDeleteOnlyThePurgedOnesRowsAndBlobs() {
        PurgeReport report = purge(shared.store);

        assertThat(report.versions()).isEqualTo(VERSIONS + 1);
        assertThat(report.files()).isEqualTo(VERSIONS + 2);
        assertThat(report.packages()).isEqualTo(2);
        assertThat(report.tags()).isEqualTo(1);
        assertThat(report.formatRows()).containsOnly(entry("oci.blobLinks", 1L), entry("oci.uploads", 1L));
        assertThat(report.tokenScopes()).isEqualTo(1);
        assertThat(report.registryRows()).isEqualTo(1);
        assertThat(report.auditEvents()).isPositive();
        assertThat(report.blobsDeleted()).isEqualTo(VERSIONS + 3);
        assertThat(shared.rowsOf(purged.id(), purged.name()))
                .allSatisfy((table, rows) -> assertThat(rows).as(table).isZero());
        assertThat(shared.registries.find("purged").blockOptional()).isEmpty();
        assertThat(purgedOnly).allSatisfy(digest -> {
            assertThat(shared.stored(digest)).as("%s stored", digest).isFalse();
            assertThat(shared.recorded(digest)).as("%s in blob_ref", digest).isFalse();
        });
    }

    @Test
    void purgeWhenABlobIsSharedShouldLeaveTheOtherRegistryReadingAllItHolds() {
        purge(shared.store);

        assertThat(shared.file(kept, "lib", "2.0", "lib.txt"))
                .hasValueSatisfying(
                        file -> assertThat(shared.read(file.digest())).isEqualTo("content both registries hold"));
        assertThat(shared.file(kept, "lib", "2.0", "own.txt"))
                .hasValueSatisfying(
                        file -> assertThat(shared.read(file.digest())).isEqualTo("content only the kept one holds"));
        assertThat(keptOnly)
                .allSatisfy(digest -> assertThat(shared.stored(digest)).isTrue());
        assertThat(shared.recorded(sharedBlob)).isTrue();
        assertThat(SharedStorage.block(shared.links.findInRegistry(kept.id(), sharedBlob)))
                .isEqualTo("content both registries hold".length());
        assertThat(shared.count("SELECT COUNT(*) AS n FROM api_token_scope WHERE registry = :v", "kept"))
                .isEqualTo(1);
    }

    @Test
    void purgeWhenRunAgainShouldRemoveNothingAndSucceed() {
        purge(shared.store);

        PurgeReport again = purge(shared.store);

        assertThat(again).isEqualTo(PurgeReport.NOTHING);
        assertThat(shared.file(kept, "lib", "2.0", "lib.txt")).isPresent();
    }

    @Test
    void purgeWhenAnEarlierRunFailedHalfWayShouldCompleteIt() {
        AtomicInteger deletes = new AtomicInteger();
        assertThatThrownBy(() -> purge(new FailingDeletes(shared.store, deletes)))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("the store went away");
        assertThat(deletes).as("one delete done, the next failed").hasValue(2);
        assertThat(shared.rowsOf(purged.id(), purged.name()).values())
                .anySatisfy(rows -> assertThat(rows).isPositive());

        purge(shared.store);

        assertThat(shared.rowsOf(purged.id(), purged.name()))
                .allSatisfy((table, rows) -> assertThat(rows).as(table).isZero());
        assertThat(purgedOnly)
                .allSatisfy(digest -> assertThat(shared.stored(digest)).isFalse());
        assertThat(shared.count(
                        "SELECT COUNT(*) AS n FROM blob_ref WHERE gc_marked_at IS NOT NULL OR digest = :v",
                        sharedBlob.toString()))
                .as("the shared blob's row, and no marked row left over")
                .isEqualTo(1);
        assertThat(shared.read(sharedBlob)).isEqualTo("content both registries hold");
    }

    @Test
    void purgeWithoutAStoreShouldDeleteTheRowsAndLeaveTheBytes() {
        PurgeReport report = purge(null);

        assertThat(report.blobsDeleted()).isEqualTo(VERSIONS + 3);
        assertThat(shared.rowsOf(purged.id(), purged.name()))
                .allSatisfy((table, rows) -> assertThat(rows).as(table).isZero());
        assertThat(purgedOnly).allSatisfy(digest -> {
            assertThat(shared.recorded(digest)).isFalse();
            assertThat(shared.stored(digest)).isTrue();
        });
    }

    private PurgeReport purge(@Nullable BlobStore store) {
        return new RegistryPurge(shared.database, shared.formats, store, Clock.systemUTC(), BATCH).purge("purged");
    }

    /** A store whose first delete works and whose later deletes fail, as a store that went away part way. */
    private static final class FailingDeletes implements BlobStore {

        private final BlobStore store;
        private final AtomicInteger deletes;

        FailingDeletes(BlobStore store, AtomicInteger deletes) {
            this.store = store;
            this.deletes = deletes;
        }

        @Override
        public Mono<Boolean> delete(Digest digest) {
            return deletes.incrementAndGet() == 1
                    ? store.delete(digest)
                    : Mono.error(new StorageException("the store went away"));
        }

        @Override
        public Mono<StoredBlob> put(Flux<DataBuffer> content, @Nullable Digest expected, long maxBytes) {
            return store.put(content, expected, maxBytes);
        }

        @Override
        public Mono<Boolean> exists(Digest digest) {
            return store.exists(digest);
        }

        @Override
        public Mono<Long> size(Digest digest) {
            return store.size(digest);
        }

        @Override
        public Flux<DataBuffer> read(Digest digest, @Nullable ByteRange range) {
            return store.read(digest, range);
        }

        @Override
        public Flux<Digest> list() {
            return store.list();
        }

        @Override
        public Mono<Void> checkHealth() {
            return store.checkHealth();
        }
    }
}
