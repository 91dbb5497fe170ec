package dev.wharf.runtime.storage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;

/**
 * Flushes a file being written to the disk while the writing goes on, so that the {@code fsync} which makes an upload
 * durable at its end finds little left to write. Without it the kernel keeps a large upload in the page cache until
 * that final {@code fsync}, and the uploader waits for the whole file to reach the disk after sending its last byte.
 *
 * <p>At most one flush runs at a time; the writer never waits for one except in {@link #finish()}.
 */
final class WriteBehind {

    /** Bytes written between two background flushes. */
    static final long INTERVAL = 32L << 20;

    private final FileChannel channel;
    private final Executor executor;
    private long unflushed;
    private CompletableFuture<Void> flushing = CompletableFuture.completedFuture(null);

    WriteBehind(FileChannel channel, Executor executor) {
        this.channel = channel;
        this.executor = executor;
    }

    /** Counts bytes just written; starts a background flush once enough have piled up and none is running. */
    void written(long count) {
        unflushed += count;
        if (unflushed >= INTERVAL && flushing.isDone()) {
            unflushed = 0;
            flushing = CompletableFuture.runAsync(this::flushData, executor);
        }
    }

    /** Waits for the running flush, then makes the file's content and size durable. */
    void finish() throws IOException {
        try {
            flushing.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while flushing an upload to the disk", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof IOException io ? io : new IOException(String.valueOf(cause), cause);
        }
        channel.force(true);
    }

    private void flushData() {
        try {
            channel.force(false);
        } catch (IOException e) {
            throw new StorageException("could not flush an upload to the disk: " + e.getMessage(), e);
        }
    }
}
