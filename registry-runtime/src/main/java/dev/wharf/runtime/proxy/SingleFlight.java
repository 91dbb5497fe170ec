package dev.wharf.runtime.proxy;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import reactor.core.publisher.Mono;

/**
 * Runs one piece of work per key at a time: callers that come while it runs share its outcome instead of starting it
 * again. The work goes on when callers cancel, even all of them, so that its outcome is still cached (an upstream
 * request is bounded by its timeouts); a caller that comes meanwhile joins it.
 */
final class SingleFlight<K> {

    private final ConcurrentHashMap<K, Mono<?>> flights = new ConcurrentHashMap<>();

    /** The outcome of the work under way for {@code key}, or of {@code work} started now. */
    @SuppressWarnings("unchecked")
    <V> Mono<V> run(K key, Supplier<Mono<V>> work) {
        return Mono.defer(() -> (Mono<V>) flights.computeIfAbsent(key, k -> {
            AtomicReference<Mono<V>> self = new AtomicReference<>();
            // Removed before the outcome reaches anyone, so that a caller it reaches starts afresh, never joins it.
            Runnable land = () -> flights.remove(k, self.get());
            Mono<V> flight = Mono.defer(work)
                    .doOnSuccess(value -> land.run())
                    .doOnError(e -> land.run())
                    .cache();
            self.set(flight);
            return flight;
        }));
    }

    /** How many keys have work under way. */
    int size() {
        return flights.size();
    }
}
