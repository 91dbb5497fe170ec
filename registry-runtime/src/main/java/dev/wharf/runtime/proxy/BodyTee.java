package dev.wharf.runtime.proxy;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscription;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.NettyDataBuffer;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;

/**
 * One upstream body, read once and handed to two readers as it arrives: the {@linkplain #store() store}, which writes
 * it, and the {@linkplain #client() client}, which sends it on. The body is read no faster than the slower of the two
 * (at most {@value #WINDOW} buffers wait for either); each reader gets its own reference to each buffer, with its own
 * read position, and releases it.
 *
 * <p>The client's last buffer is held back until the store has {@linkplain #verified() verified} the content; when it
 * is {@linkplain #reject rejected} instead, the client gets the error, so a client of content that fails the check sees
 * its response broken off, never a clean end. The client may leave, or never come: the store then goes on alone.
 * The body is subscribed to when the store subscribes.
 */
final class BodyTee {

    /** The most buffers read ahead of the slower reader. */
    static final int WINDOW = 8;

    private final Flux<DataBuffer> source;
    private final Branch store = new Branch(false);
    private final Branch client = new Branch(true);
    private final AtomicBoolean connected = new AtomicBoolean();
    private final AtomicInteger wip = new AtomicInteger();

    // Guarded by this.
    private @Nullable Subscription upstream;
    private long outstanding;
    private boolean sourceDone;
    private boolean sourceCancelled;
    private @Nullable Throwable sourceError;
    private boolean verified;
    private @Nullable Throwable rejection;

    BodyTee(Flux<DataBuffer> source) {
        this.source = source;
    }

    /** The body for the store; subscribing to it starts reading. Subscribed to once. */
    Flux<DataBuffer> store() {
        return store;
    }

    /** The body for the client, which ends only once the store has verified it. Subscribed to once. */
    Flux<DataBuffer> client() {
        return client;
    }

    /** The store verified and kept the content: the client gets its last buffer and its end. */
    void verified() {
        synchronized (this) {
            verified = true;
        }
        drain();
    }

    /** The store refused the content or failed: the client gets {@code error} instead of what is left. */
    void reject(Throwable error) {
        synchronized (this) {
            if (rejection == null && !verified) {
                rejection = error;
            }
        }
        drain();
    }

    /** Gives up on a client that has not subscribed within {@code timeout}, so that the store need not wait for it. */
    void abandonClientAfter(Duration timeout) {
        Mono.delay(timeout).subscribe(tick -> {
            synchronized (this) {
                if (client.actual == null && !client.cancelled) {
                    client.cancelled = true;
                    client.releaseQueued();
                }
            }
            drain();
        });
    }

    private void connect() {
        if (connected.compareAndSet(false, true)) {
            source.subscribe(new Reader());
        }
    }

    /** Hands queued buffers and ends to the readers that want them, and asks for more when both have room. */
    private void drain() {
        if (wip.getAndIncrement() != 0) {
            return;
        }
        int missed = 1;
        do {
            emit(store);
            emit(client);
            requestMore();
            missed = wip.addAndGet(-missed);
        } while (missed != 0);
    }

    private void requestMore() {
        Subscription current;
        long count = 0;
        synchronized (this) {
            current = upstream;
            if (current == null || sourceDone || sourceCancelled) {
                return;
            }
            if (!store.active() && !client.active()) {
                sourceCancelled = true;
            } else {
                int waiting = Math.max(store.waiting(), client.waiting());
                count = Math.max(0, WINDOW - waiting - outstanding);
                outstanding += count;
            }
        }
        if (count > 0) {
            current.request(count);
        } else if (sourceCancelled()) {
            current.cancel();
        }
    }

    /**
     * A second reference to the bytes of {@code buffer} with its own read position, since each reader reads through
     * it: Netty's buffers share their memory and count the reference; others are copied.
     */
    static DataBuffer duplicate(DataBuffer buffer) {
        if (buffer instanceof NettyDataBuffer netty) {
            return netty.factory().wrap(netty.getNativeBuffer().retainedDuplicate());
        }
        int length = buffer.readableByteCount();
        byte[] copy = new byte[length];
        buffer.toByteBuffer(buffer.readPosition(), ByteBuffer.wrap(copy), 0, length);
        return buffer.factory().wrap(copy);
    }

    private synchronized boolean sourceCancelled() {
        return sourceCancelled;
    }

    private void emit(Branch branch) {
        for (; ; ) {
            CoreSubscriber<? super DataBuffer> actual;
            DataBuffer next = null;
            Throwable error = null;
            synchronized (this) {
                actual = branch.actual;
                if (actual == null || !branch.ready || !branch.active()) {
                    return;
                }
                Throwable failure = branch.failure();
                if (failure != null) {
                    branch.releaseQueued();
                    branch.terminated = true;
                    error = failure;
                } else if (branch.demand > 0 && branch.deliverable()) {
                    next = branch.queue.poll();
                    branch.demand--;
                } else if (branch.queue.isEmpty() && sourceDone && (!branch.holdsLast || verified)) {
                    branch.terminated = true;
                } else {
                    return;
                }
            }
            if (error != null) {
                actual.onError(error);
                return;
            }
            if (next == null) {
                actual.onComplete();
                return;
            }
            actual.onNext(next);
        }
    }

    /** Reads the upstream body into both readers' queues. */
    private final class Reader implements CoreSubscriber<DataBuffer> {

        @Override
        public void onSubscribe(Subscription subscription) {
            synchronized (BodyTee.this) {
                upstream = subscription;
            }
            drain();
        }

        @Override
        public void onNext(DataBuffer buffer) {
            synchronized (BodyTee.this) {
                outstanding--;
                boolean toStore = store.active();
                boolean toClient = client.active();
                if (toStore && toClient) {
                    store.queue.add(buffer);
                    client.queue.add(duplicate(buffer));
                } else if (toStore) {
                    store.queue.add(buffer);
                } else if (toClient) {
                    client.queue.add(buffer);
                } else {
                    DataBufferUtils.release(buffer);
                }
            }
            drain();
        }

        @Override
        public void onError(Throwable error) {
            synchronized (BodyTee.this) {
                sourceDone = true;
                sourceError = error;
            }
            drain();
        }

        @Override
        public void onComplete() {
            synchronized (BodyTee.this) {
                sourceDone = true;
            }
            drain();
        }
    }

    /** One reader's side: the buffers waiting for it, its demand, and whether it left. Guarded by the tee. */
    private final class Branch extends Flux<DataBuffer> implements Subscription {

        final ArrayDeque<DataBuffer> queue = new ArrayDeque<>();
        final boolean holdsLast;

        @Nullable CoreSubscriber<? super DataBuffer> actual;

        boolean ready;
        long demand;
        boolean cancelled;
        boolean terminated;

        Branch(boolean holdsLast) {
            this.holdsLast = holdsLast;
        }

        @Override
        public void subscribe(CoreSubscriber<? super DataBuffer> subscriber) {
            boolean accepted;
            synchronized (BodyTee.this) {
                accepted = actual == null && !cancelled;
                if (accepted) {
                    actual = subscriber;
                }
            }
            if (!accepted) {
                Operators.error(
                        subscriber,
                        new IllegalStateException("an upstream body being stored can be read once, soon after it"
                                + " arrives; read it again from the store"));
                return;
            }
            subscriber.onSubscribe(this);
            synchronized (BodyTee.this) {
                ready = true;
            }
            if (!holdsLast) {
                connect();
            }
            drain();
        }

        @Override
        public void request(long n) {
            if (Operators.validate(n)) {
                synchronized (BodyTee.this) {
                    demand = Operators.addCap(demand, n);
                }
                drain();
            }
        }

        @Override
        public void cancel() {
            synchronized (BodyTee.this) {
                cancelled = true;
                releaseQueued();
            }
            drain();
        }

        boolean active() {
            return !cancelled && !terminated;
        }

        int waiting() {
            return active() ? queue.size() : 0;
        }

        /** Whether the head of the queue may go out: the client's last buffer waits for the verdict. */
        boolean deliverable() {
            return holdsLast ? queue.size() > 1 || (!queue.isEmpty() && verified) : !queue.isEmpty();
        }

        /** The error to end with now: the body's, once the store has had what came before it; the store's verdict. */
        @Nullable Throwable failure() {
            if (!holdsLast) {
                return sourceError != null && queue.isEmpty() ? sourceError : null;
            }
            return sourceError != null ? sourceError : rejection;
        }

        void releaseQueued() {
            for (DataBuffer buffer; (buffer = queue.poll()) != null; ) {
                DataBufferUtils.release(buffer);
            }
        }
    }
}
