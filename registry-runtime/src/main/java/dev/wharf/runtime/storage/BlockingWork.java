package dev.wharf.runtime.storage;

import java.util.concurrent.CancellationException;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Runs the blocking side of storage (file system calls, an upload waiting for its uploader, S3 calls that must happen
 * in order) on virtual threads, so a slow uploader parks a cheap thread rather than one of a bounded pool.
 *
 * <p>Cancelling never interrupts the work: an interrupt would close file channels half-way. Work that should stop
 * early is told through its own cancel hook and cleans up after itself.
 */
final class BlockingWork {

    private static final Logger LOG = LoggerFactory.getLogger(BlockingWork.class);

    private static final ThreadFactory THREADS =
            Thread.ofVirtual().name("wharf-storage-", 0).factory();

    /** Starts each task on a new virtual thread. */
    static final Executor EXECUTOR = task -> THREADS.newThread(task).start();

    /** For {@code subscribeOn}: runs on virtual threads and never interrupts them. */
    static final Scheduler SCHEDULER = Schedulers.fromExecutor(EXECUTOR);

    private BlockingWork() {}

    /** A blocking step that returns a value (or null for none). */
    @FunctionalInterface
    interface Work<T> {
        @Nullable T run() throws Exception;
    }

    /** Runs the work when subscribed; a null result completes the Mono empty. */
    static <T> Mono<T> call(Work<T> work) {
        return call(work, () -> {});
    }

    /** Runs the work when subscribed, calling {@code onCancel} (once, from the cancelling thread) on cancellation. */
    static <T> Mono<T> call(Work<T> work, Runnable onCancel) {
        return Mono.create(sink -> {
            AtomicBoolean cancelled = new AtomicBoolean();
            sink.onCancel(() -> {
                if (cancelled.compareAndSet(false, true)) {
                    onCancel.run();
                }
            });
            EXECUTOR.execute(() -> {
                try {
                    T value = work.run();
                    if (value == null) {
                        sink.success();
                    } else {
                        sink.success(value);
                    }
                } catch (Throwable e) {
                    Throwable failure = e instanceof UploadSource.ContentFailure content && content.getCause() != null
                            ? content.getCause()
                            : e;
                    if (cancelled.get()) {
                        // Nobody listens any more; the work has cleaned up after itself.
                        if (!(failure instanceof CancellationException)) {
                            LOG.debug("storage work failed after it was cancelled", failure);
                        }
                    } else {
                        sink.error(failure);
                    }
                }
            });
        });
    }
}
