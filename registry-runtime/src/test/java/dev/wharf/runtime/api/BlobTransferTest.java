package dev.wharf.runtime.api;

import static dev.wharf.runtime.api.ApiFixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.runtime.metadata.FileRecord;
import dev.wharf.runtime.storage.BlobStore;
import dev.wharf.runtime.storage.ByteRange;
import dev.wharf.runtime.storage.Digest;
import dev.wharf.runtime.storage.DigestMismatchException;
import dev.wharf.runtime.storage.FilesystemBlobStore;
import dev.wharf.runtime.storage.StoredBlob;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Copying blobs between two stores, as a copy between registries on different storage does. */
class BlobTransferTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @TempDir
    Path source;

    @TempDir
    Path target;

    @Test
    void copyWhenTargetLacksTheBlobsShouldStreamEachOnceIntoIt() {
        BlobStore from = new FilesystemBlobStore(source);
        BlobStore to = new FilesystemBlobStore(target);
        FileRecord a = file(put(from, "first"), "a.txt");
        FileRecord sameBlob = file(put(from, "first"), "copy-of-a.txt");
        FileRecord b = file(put(from, "second"), "b.txt");

        Long copied = BlobTransfer.copy(from, to, List.of(a, sameBlob, b)).block(TIMEOUT);

        assertThat(copied).isEqualTo(2);
        assertThat(read(to, b)).isEqualTo("second");
        assertThat(read(to, a)).isEqualTo("first");
    }

    @Test
    void copyWhenTargetHasTheBlobShouldNotCopyIt() {
        BlobStore from = new FilesystemBlobStore(source);
        BlobStore to = new FilesystemBlobStore(target);
        FileRecord a = file(put(from, "shared"), "a.txt");
        put(to, "shared");

        assertThat(BlobTransfer.copy(from, to, List.of(a)).block(TIMEOUT)).isZero();
    }

    @Test
    void copyWhenBothAreTheSameStoreShouldCopyNothing() {
        BlobStore store = new FilesystemBlobStore(source);
        FileRecord a = file(put(store, "one"), "a.txt");

        assertThat(BlobTransfer.copy(store, store, List.of(a)).block(TIMEOUT)).isZero();
    }

    @Test
    void copyWhenSourceServesOtherBytesThanTheDigestShouldFailAndStoreNothing() {
        BlobStore healthy = new FilesystemBlobStore(source);
        StoredBlob expected = put(healthy, "expected");
        StoredBlob other = put(healthy, "other");
        BlobStore corrupted = new Corrupted(healthy, other);
        BlobStore to = new FilesystemBlobStore(target);

        assertThatThrownBy(() -> BlobTransfer.copy(corrupted, to, List.of(file(expected, "a.txt")))
                        .block(TIMEOUT))
                .isInstanceOf(DigestMismatchException.class);
        assertThat(to.exists(expected.digest()).block(TIMEOUT)).isFalse();
    }

    private static StoredBlob put(BlobStore store, String content) {
        return store.put(Flux.just(DefaultDataBufferFactory.sharedInstance.wrap(utf8(content))), null, 1024)
                .block(TIMEOUT);
    }

    private static FileRecord file(StoredBlob blob, String path) {
        return new FileRecord(1, 1, path, blob.digest(), blob.size(), "text/plain", Instant.EPOCH, 0, null);
    }

    private static String read(BlobStore store, FileRecord file) {
        return DataBufferUtils.join(store.read(file.digest(), null))
                .map(buffer -> {
                    String text = buffer.toString(StandardCharsets.UTF_8);
                    DataBufferUtils.release(buffer);
                    return text;
                })
                .block(TIMEOUT);
    }

    /** A store whose every read answers the bytes of one blob, as a damaged disk might. */
    private record Corrupted(BlobStore delegate, StoredBlob served) implements BlobStore {

        @Override
        public Mono<StoredBlob> put(Flux<DataBuffer> content, @Nullable Digest expected, long maxBytes) {
            return delegate.put(content, expected, maxBytes);
        }

        @Override
        public Mono<Boolean> exists(Digest digest) {
            return delegate.exists(digest);
        }

        @Override
        public Mono<Long> size(Digest digest) {
            return delegate.size(digest);
        }

        @Override
        public Flux<DataBuffer> read(Digest digest, @Nullable ByteRange range) {
            return delegate.read(served.digest(), range);
        }

        @Override
        public Mono<Boolean> delete(Digest digest) {
            return delegate.delete(digest);
        }

        @Override
        public Flux<Digest> list() {
            return delegate.list();
        }

        @Override
        public Mono<Void> checkHealth() {
            return delegate.checkHealth();
        }
    }
}
