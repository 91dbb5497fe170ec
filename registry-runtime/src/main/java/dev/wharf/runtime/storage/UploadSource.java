package dev.wharf.runtime.storage;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscription;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Flux;

/**
 * An upload's content as the one thread that writes it out sees it: buffers handed over from the reactive side a few
 * at a time, so the uploader's speed sets the pace (backpressure) and at most {@value #PREFETCH} buffers wait in
 * memory. A reader that has run dry sleeps until {@value #BATCH} buffers (or the end) are there, so it is woken once
 * per batch rather than once per buffer.
 *
 * <p>{@link #cancel()} may come from any thread: the reader then gets a {@link CancellationException}, never a normal
 * end, so a cancelled upload is never mistaken for a short one.
 */
final class UploadSource implements CoreSubscriber<DataBuffer> {

    private static final int PREFETCH = 16;
    private static final int REPLENISH = PREFETCH - PREFETCH / 4;
    private static final int BATCH = PREFETCH / 2;

    private final Flux<DataBuffer> content;
    private final UploadMeter meter;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<DataBuffer> queue = new ArrayDeque<>(PREFETCH);
    private @Nullable Subscription subscription;
    private @Nullable Throwable error;
    private boolean done;
    private boolean cancelled;
    private boolean started;
    private int consumed;

    UploadSource(Flux<DataBuffer> content, long maxBytes) {
        this.meter = new UploadMeter(maxBytes);
        this.content = content.handle(meter::accept);
    }

    /** The hash and size of what was read. */
    UploadMeter meter() {
        return meter;
    }

    /** Subscribes to the content; called by the reader before the first {@link #next()}. */
    void start() {
        lock.lock();
        try {
            if (cancelled) {
                throw new CancellationException("the upload was cancelled");
            }
            if (started) {
                return;
            }
            started = true;
        } finally {
            lock.unlock();
        }
        content.subscribe(this);
    }

    @Override
    public void onSubscribe(Subscription s) {
        boolean accepted;
        lock.lock();
        try {
            accepted = subscription == null && !cancelled;
            if (accepted) {
                subscription = s;
            }
        } finally {
            lock.unlock();
        }
        if (accepted) {
            s.request(PREFETCH);
        } else {
            s.cancel();
        }
    }

    @Override
    public void onNext(DataBuffer buffer) {
        lock.lock();
        try {
            if (cancelled || done) {
                DataBufferUtils.release(buffer);
                return;
            }
            queue.add(buffer);
            if (queue.size() >= BATCH) {
                changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void onError(Throwable failure) {
        lock.lock();
        try {
            if (!done) {
                error = failure;
                done = true;
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void onComplete() {
        lock.lock();
        try {
            done = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * The next buffer, waiting for it; null at the end of the content. The caller releases it.
     *
     * @throws CancellationException when the upload was cancelled
     * @throws ContentFailure carrying the error of the content, when it failed (or {@link BlobTooLargeException})
     */
    @Nullable DataBuffer next() {
        List<DataBuffer> taken = take(1);
        return taken.isEmpty() ? null : taken.get(0);
    }

    /**
     * Every buffer waiting, once there are some; empty at the end of the content. The caller releases them. Lets the
     * writer write them with one call.
     *
     * @throws CancellationException when the upload was cancelled
     * @throws ContentFailure carrying the error of the content, when it failed (or {@link BlobTooLargeException})
     */
    List<DataBuffer> nextBatch() {
        return take(PREFETCH);
    }

    private List<DataBuffer> take(int max) {
        List<DataBuffer> taken = new ArrayList<>(Math.min(max, PREFETCH));
        Subscription toRequest = null;
        int requested = 0;
        lock.lock();
        try {
            if (queue.isEmpty() && !done && !cancelled) {
                // Before sleeping, everything read so far is asked for again, so that a whole batch can arrive.
                Subscription current = subscription;
                int replenish = consumed;
                consumed = 0;
                if (current != null && replenish > 0) {
                    lock.unlock();
                    try {
                        current.request(replenish);
                    } finally {
                        lock.lock();
                    }
                }
                while (queue.size() < BATCH && !done && !cancelled) {
                    changed.awaitUninterruptibly();
                }
            }
            if (cancelled) {
                throw new CancellationException("the upload was cancelled");
            }
            for (DataBuffer buffer; taken.size() < max && (buffer = queue.poll()) != null; ) {
                taken.add(buffer);
            }
            if (taken.isEmpty()) {
                Throwable failure = error;
                if (failure != null) {
                    throw new ContentFailure(failure);
                }
                return taken;
            }
            consumed += taken.size();
            if (consumed >= REPLENISH) {
                requested = consumed;
                consumed = 0;
                toRequest = subscription;
            }
        } finally {
            lock.unlock();
        }
        if (toRequest != null) {
            toRequest.request(requested);
        }
        return taken;
    }

    /** Whether {@link #cancel()} was called. */
    boolean isCancelled() {
        lock.lock();
        try {
            return cancelled;
        } finally {
            lock.unlock();
        }
    }

    /** Stops the upload from any thread: the content is cancelled, waiting buffers released, the reader woken. */
    void cancel() {
        Subscription toCancel;
        lock.lock();
        try {
            if (cancelled) {
                return;
            }
            cancelled = true;
            toCancel = done ? null : subscription;
            releaseQueued();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        if (toCancel != null) {
            toCancel.cancel();
        }
    }

    /** Called by the reader when it is done, successfully or not: releases whatever is left. */
    void close() {
        Subscription toCancel;
        lock.lock();
        try {
            toCancel = done || cancelled ? null : subscription;
            done = true;
            releaseQueued();
        } finally {
            lock.unlock();
        }
        if (toCancel != null) {
            toCancel.cancel();
        }
    }

    private void releaseQueued() {
        for (DataBuffer buffer; (buffer = queue.poll()) != null; ) {
            DataBufferUtils.release(buffer);
        }
    }

    /** The content of an upload failed; carries its error out of the blocking reader. */
    static final class ContentFailure extends RuntimeException {

        private static final long serialVersionUID = 1L;

        ContentFailure(Throwable cause) {
            super(cause.getMessage(), cause, false, false);
        }
    }
}
