package dev.wharf.runtime;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;

/**
 * Start-up work begun on a thread of its own as soon as its inputs are known (while Spring is still building the
 * context), keyed by those inputs, and taken once by the bean that needs its result.
 *
 * @param <K> the inputs the work was started for
 * @param <V> its result
 */
public final class EarlyWork<K, V> {

    private final String threadName;
    private final ConcurrentMap<K, CompletableFuture<V>> started = new ConcurrentHashMap<>();

    /** Work run on daemon threads named {@code threadName}. */
    public EarlyWork(String threadName) {
        this.threadName = threadName;
    }

    /** Starts {@code work} for {@code key}, unless it was started already and not taken since. */
    public void start(K key, Supplier<V> work) {
        CompletableFuture<V> result = new CompletableFuture<>();
        if (started.putIfAbsent(key, result) != null) {
            return;
        }
        Thread.ofPlatform().daemon().name(threadName).start(() -> {
            try {
                result.complete(work.get());
            } catch (RuntimeException | Error e) {
                result.completeExceptionally(e);
            }
        });
    }

    /** The work started for {@code key}, which nobody else will get; empty when none was started. */
    public Optional<CompletableFuture<V>> take(K key) {
        return Optional.ofNullable(started.remove(key));
    }
}
