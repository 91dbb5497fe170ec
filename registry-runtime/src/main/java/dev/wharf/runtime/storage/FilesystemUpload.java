package dev.wharf.runtime.storage;

import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;

/**
 * Stores one upload on a filesystem: writes it sequentially to a fresh file in {@code uploads/}, fsyncs it, and once
 * the digest is verified renames it atomically into {@code blobs/} and fsyncs the directory. A crash at any point
 * leaves either no blob or a complete one; the temporary file is always removed.
 */
final class FilesystemUpload {

    private static final Logger LOG = LoggerFactory.getLogger(FilesystemUpload.class);
    private static final boolean WINDOWS = File.separatorChar == '\\';

    private final Path root;
    private final DigestLocks locks;
    private final StorageMetrics metrics;

    FilesystemUpload(Path root, DigestLocks locks, StorageMetrics metrics) {
        this.root = root;
        this.locks = locks;
        this.metrics = metrics;
    }

    /** Reads the whole content from {@code source} and stores it; blocks until done. */
    StoredBlob store(UploadSource source, @Nullable Digest expected) throws Exception {
        Path temp = root.resolve(BlobLayout.newUpload());
        try {
            source.start();
            long size = writeDurably(source, temp);
            Digest digest = source.meter().verify(expected);
            return locks.withLock(digest, () -> promote(source, temp, digest, size));
        } finally {
            source.close();
            try {
                Files.deleteIfExists(temp);
            } catch (IOException e) {
                LOG.warn("could not remove the temporary upload file {}; it goes at the next start", temp, e);
            }
        }
    }

    private long writeDurably(UploadSource source, Path temp) {
        long size = 0;
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            WriteBehind flusher = new WriteBehind(channel, BlockingWork.EXECUTOR);
            for (List<DataBuffer> batch = source.nextBatch(); !batch.isEmpty(); batch = source.nextBatch()) {
                try {
                    long count = writeFully(channel, batch);
                    size += count;
                    metrics.written(count);
                    flusher.written(count);
                } finally {
                    batch.forEach(DataBufferUtils::release);
                }
            }
            flusher.finish();
        } catch (IOException e) {
            throw new StorageException("could not write an upload to " + temp + ": " + e.getMessage(), e);
        }
        return size;
    }

    /** Writes the buffers' readable bytes in order, with as few calls as the channel allows. */
    private static long writeFully(FileChannel channel, List<DataBuffer> buffers) throws IOException {
        List<ByteBuffer> views = new ArrayList<>(buffers.size());
        for (DataBuffer buffer : buffers) {
            try (DataBuffer.ByteBufferIterator iterator = buffer.readableByteBuffers()) {
                iterator.forEachRemaining(views::add);
            }
        }
        ByteBuffer[] array = views.toArray(ByteBuffer[]::new);
        long total = 0;
        for (ByteBuffer view : array) {
            total += view.remaining();
        }
        for (long left = total; left > 0; ) {
            left -= channel.write(array);
        }
        return total;
    }

    private StoredBlob promote(UploadSource source, Path temp, Digest digest, long size) {
        if (source.isCancelled()) {
            throw new CancellationException("the upload was cancelled");
        }
        Path blobs = root.resolve(BlobLayout.BLOBS);
        Path shard = blobs.resolve(BlobLayout.shard(digest));
        Path target = shard.resolve(digest.hex());
        try {
            if (Files.exists(target)) {
                return new StoredBlob(digest, size, false);
            }
            if (!Files.isDirectory(shard)) {
                Files.createDirectories(shard);
                fsyncDirectory(blobs);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            fsyncDirectory(shard);
            return new StoredBlob(digest, size, true);
        } catch (IOException e) {
            throw new StorageException(
                    "could not move the upload of " + digest + " into place at " + target + ": " + e.getMessage(), e);
        }
    }

    /** Makes a rename or a new entry in {@code directory} durable; Windows cannot open directories and needs none. */
    static void fsyncDirectory(Path directory) throws IOException {
        if (WINDOWS) {
            return;
        }
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}
