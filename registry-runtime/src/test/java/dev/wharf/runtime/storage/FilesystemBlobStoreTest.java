package dev.wharf.runtime.storage;

import static dev.wharf.runtime.storage.TestContent.TIMEOUT;
import static dev.wharf.runtime.storage.TestContent.bytes;
import static dev.wharf.runtime.storage.TestContent.digestOf;
import static dev.wharf.runtime.storage.TestContent.flux;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The contract on a real directory, plus what only a filesystem has: the layout on disk and recovery from a crash. */
class FilesystemBlobStoreTest extends BlobStoreContractTest {

    @TempDir
    Path root;

    @Override
    protected BlobStore newStore(Clock clock, SimpleMeterRegistry meters) {
        return new FilesystemBlobStore(root, clock, meters);
    }

    @Override
    protected List<String> leftoverUploads() throws IOException {
        try (Stream<Path> files = Files.list(root.resolve("uploads"))) {
            return files.map(Path::toString).toList();
        }
    }

    @Override
    protected String kind() {
        return "filesystem";
    }

    @Test
    void putShouldStoreTheBlobAtItsDigestPath() throws IOException {
        byte[] content = bytes(1, 1000);

        Digest digest =
                store.put(flux(content), null, Long.MAX_VALUE).block(TIMEOUT).digest();

        Path file = root.resolve("blobs/sha256/" + digest.hex().substring(0, 2) + "/" + digest.hex());
        assertThat(file).isRegularFile().hasBinaryContent(content);
    }

    @Test
    void uploadsLeftByACrashShouldStayInvisibleAndBeRemovedAtStartOnceADayOld() throws IOException {
        Path uploads = root.resolve("uploads");
        byte[] partial = bytes(2, 5000);
        Path stale = Files.write(uploads.resolve(UUID.randomUUID().toString()), partial);
        Files.setLastModifiedTime(stale, FileTime.from(Instant.now().minus(Duration.ofHours(25))));
        Path recent = Files.write(uploads.resolve(UUID.randomUUID().toString()), partial);

        assertThat(store.exists(digestOf(partial)).block(TIMEOUT)).isFalse();
        assertThat(store.list().collectList().block(TIMEOUT)).isEmpty();

        new FilesystemBlobStore(root, Clock.systemUTC(), null);
        assertThat(stale).doesNotExist();
        assertThat(recent).exists();

        new FilesystemBlobStore(root, Clock.offset(Clock.systemUTC(), Duration.ofDays(2)), null);
        assertThat(recent).doesNotExist();
    }

    @Test
    void listShouldIgnoreFilesThatAreNotBlobs() throws IOException {
        Digest digest = store.put(flux(bytes(3, 10)), null, Long.MAX_VALUE)
                .block(TIMEOUT)
                .digest();
        Path shard = root.resolve("blobs/sha256/" + digest.hex().substring(0, 2));
        Files.writeString(shard.resolve("notes.txt"), "not a blob");
        String elsewhere = digest.hex().startsWith("ff") ? "0" : "f";
        Files.writeString(shard.resolve(elsewhere.repeat(64)), "in the wrong shard");

        assertThat(store.list().collectList().block(TIMEOUT)).containsExactly(digest);
    }

    @Test
    void checkHealthWhenBlobDirectoryIsGoneShouldSaySo() throws IOException {
        try (Stream<Path> files = Files.walk(root.resolve("blobs"))) {
            files.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        }

        assertThatThrownBy(() -> store.checkHealth().block(TIMEOUT))
                .isInstanceOf(StorageException.class)
                .hasMessage("the blob directory " + root.toRealPath().resolve("blobs/sha256") + " is missing");
        assertThat(meters.get("wharf.storage.errors").counter().count()).isEqualTo(1);
    }
}
