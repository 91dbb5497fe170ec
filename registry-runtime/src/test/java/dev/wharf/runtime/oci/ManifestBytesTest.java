package dev.wharf.runtime.oci;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.runtime.storage.BlobStore;
import dev.wharf.runtime.storage.FilesystemBlobStore;
import dev.wharf.runtime.storage.StoredBlob;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import reactor.core.publisher.Flux;

class ManifestBytesTest {

    @TempDir
    Path root;

    @Test
    void aSmallManifestIsReadFromStorageOnceThenServedFromMemory() {
        BlobStore store = new FilesystemBlobStore(root);
        byte[] manifest = "{\"schemaVersion\":2}".getBytes(StandardCharsets.UTF_8);
        StoredBlob stored = put(store, manifest);
        ManifestBytes bytes = new ManifestBytes();

        assertThat(read(bytes, store, stored)).isEqualTo(manifest);
        assertThat(bytes.holds(stored.digest())).isTrue();
        store.delete(stored.digest()).block(Duration.ofSeconds(10));

        assertThat(read(bytes, store, stored)).as("served from memory").isEqualTo(manifest);
    }

    @Test
    void aLargeManifestIsNotKept() {
        BlobStore store = new FilesystemBlobStore(root);
        byte[] manifest = new byte[ManifestBytes.MAX_CACHED + 1];
        StoredBlob stored = put(store, manifest);
        ManifestBytes bytes = new ManifestBytes();

        assertThat(read(bytes, store, stored)).isEqualTo(manifest);
        assertThat(bytes.holds(stored.digest())).isFalse();
    }

    private static StoredBlob put(BlobStore store, byte[] content) {
        return store.put(Flux.just(DefaultDataBufferFactory.sharedInstance.wrap(content)), null, Long.MAX_VALUE)
                .block(Duration.ofSeconds(10));
    }

    private static byte[] read(ManifestBytes bytes, BlobStore store, StoredBlob stored) {
        DataBuffer joined = DataBufferUtils.join(bytes.read(store, stored.digest(), stored.size()))
                .block(Duration.ofSeconds(10));
        byte[] result = new byte[joined.readableByteCount()];
        joined.read(result);
        DataBufferUtils.release(joined);
        return result;
    }
}
