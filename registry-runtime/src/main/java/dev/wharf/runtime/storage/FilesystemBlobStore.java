package dev.wharf.runtime.storage;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.channels.AsynchronousFileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Blobs in a directory: {@code <root>/blobs/sha256/<first 2 hex>/<hex>}, uploads in progress in
 * {@code <root>/uploads/} on the same filesystem so they can be renamed into place atomically.
 *
 * <p>Uploads are written sequentially and fsynced, then renamed with {@code ATOMIC_MOVE} and the directory fsynced
 * (see {@link FilesystemUpload}). Reads go through an {@link AsynchronousFileChannel} from the range's offset, in
 * chunks of up to {@value #CHUNK} bytes. Temporary files older than {@link #STALE_UPLOAD_AGE}, left by a crash, are
 * removed when the store is created.
 */
public final class FilesystemBlobStore implements BlobStore {

    /** Temporary upload files older than this are taken for leftovers of a crash. */
    public static final Duration STALE_UPLOAD_AGE = BlobLayout.STALE_UPLOAD_AGE;

    private static final int CHUNK = 64 * 1024;

    private final Path root;
    private final Path blobs;
    private final Path uploads;
    private final DigestLocks locks = new DigestLocks();
    private final StorageMetrics metrics;
    private final DataBufferFactory buffers = DefaultDataBufferFactory.sharedInstance;

    /** A store in {@code root}, without metrics. */
    public FilesystemBlobStore(Path root) {
        this(root, Clock.systemUTC(), null);
    }

    /**
     * A store in {@code root}, created when missing; stale temporary files are removed now.
     *
     * @param clock tells which temporary files are stale
     * @param meters where to count bytes and errors, tagged {@code store=filesystem}; null for nowhere
     */
    public FilesystemBlobStore(Path root, Clock clock, @Nullable MeterRegistry meters) {
        this.root = root.toAbsolutePath().normalize();
        this.blobs = this.root.resolve(BlobLayout.BLOBS);
        this.uploads = this.root.resolve(BlobLayout.UPLOADS);
        this.metrics = StorageMetrics.create(meters, "filesystem");
        try {
            Files.createDirectories(blobs);
            Files.createDirectories(uploads);
        } catch (IOException e) {
            throw new StorageException("could not create the blob directories in " + this.root + ": " + e, e);
        }
        StaleUploadCleaner.removeOlderThan(uploads, clock.instant().minus(STALE_UPLOAD_AGE));
    }

    /** The directory this store keeps its blobs and uploads in. */
    public Path root() {
        return root;
    }

    @Override
    public Mono<StoredBlob> put(Flux<DataBuffer> content, @Nullable Digest expected, long maxBytes) {
        return Mono.defer(() -> {
                    UploadSource source = new UploadSource(content, maxBytes);
                    FilesystemUpload upload = new FilesystemUpload(root, locks, metrics);
                    return BlockingWork.call(() -> upload.store(source, expected), source::cancel);
                })
                .doOnError(metrics::failed);
    }

    @Override
    public Mono<Boolean> exists(Digest digest) {
        return BlockingWork.call(() -> Files.isRegularFile(blobPath(digest)));
    }

    @Override
    public Mono<Long> size(Digest digest) {
        return BlockingWork.call(() -> {
                    try {
                        return Files.size(blobPath(digest));
                    } catch (NoSuchFileException e) {
                        return null;
                    }
                })
                .onErrorMap(IOException.class, e -> failure("could not read the size of " + digest, e))
                .doOnError(metrics::failed);
    }

    @Override
    public Flux<DataBuffer> read(Digest digest, @Nullable ByteRange range) {
        long offset = range == null ? 0 : range.offset();
        Long length = range == null ? null : range.length();
        int chunk = length == null ? CHUNK : (int) Math.min(CHUNK, length);
        Flux<DataBuffer> bytes =
                DataBufferUtils.readAsynchronousFileChannel(() -> open(digest, range), offset, buffers, chunk);
        if (length != null) {
            bytes = DataBufferUtils.takeUntilByteCount(bytes, length);
        }
        return bytes.doOnNext(buffer -> metrics.read(buffer.readableByteCount()))
                .onErrorMap(IOException.class, e -> failure("could not read " + digest, e))
                .doOnError(metrics::failed);
    }

    @Override
    public Optional<Path> localFile(Digest digest) {
        Path blob = blobPath(digest);
        return Files.isRegularFile(blob) ? Optional.of(blob) : Optional.empty();
    }

    @Override
    public Mono<Boolean> delete(Digest digest) {
        return BlockingWork.call(() -> locks.withLock(digest, () -> Files.deleteIfExists(blobPath(digest))))
                .onErrorMap(IOException.class, e -> failure("could not delete " + digest, e))
                .doOnError(metrics::failed);
    }

    @Override
    public Flux<Digest> list() {
        return BlockingWork.call(() -> directories(blobs))
                .flatMapIterable(shards -> shards)
                .concatMap(shard -> BlockingWork.call(() -> digestsIn(shard)).flatMapIterable(digests -> digests))
                .onErrorMap(IOException.class, e -> failure("could not list the blobs in " + blobs, e))
                .doOnError(metrics::failed);
    }

    @Override
    public Mono<Void> checkHealth() {
        return BlockingWork.<Void>call(() -> {
                    if (!Files.isDirectory(blobs)) {
                        throw new StorageException("the blob directory " + blobs + " is missing");
                    }
                    Path probe = Files.createTempFile(uploads, "health-", ".probe");
                    Files.delete(probe);
                    return null;
                })
                .onErrorMap(IOException.class, e -> failure("cannot write to " + uploads, e))
                .doOnError(metrics::failed);
    }

    @Override
    public String toString() {
        return "FilesystemBlobStore[" + root + "]";
    }

    private Path blobPath(Digest digest) {
        return root.resolve(BlobLayout.blob(digest));
    }

    private AsynchronousFileChannel open(Digest digest, @Nullable ByteRange range) throws IOException {
        AsynchronousFileChannel channel;
        try {
            channel = AsynchronousFileChannel.open(blobPath(digest), StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new BlobNotFoundException(digest);
        }
        if (range != null) {
            long size = channel.size();
            if (range.offset() >= size) {
                channel.close();
                throw new RangeNotSatisfiableException(range, size);
            }
        }
        return channel;
    }

    private static List<Path> directories(Path parent) throws IOException {
        List<Path> directories = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(parent, Files::isDirectory)) {
            entries.forEach(directories::add);
        }
        return directories;
    }

    /** The blobs of one shard directory; a few thousand names even in a large store. */
    private static List<Digest> digestsIn(Path shard) throws IOException {
        List<Digest> digests = new ArrayList<>();
        String shardName = shard.getFileName().toString();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(shard)) {
            for (Path entry : entries) {
                Digest digest = BlobLayout.digest(shardName, entry.getFileName().toString());
                if (digest != null) {
                    digests.add(digest);
                }
            }
        }
        return digests;
    }

    private static StorageException failure(String what, Throwable cause) {
        return new StorageException(what + ": " + cause, cause);
    }
}
