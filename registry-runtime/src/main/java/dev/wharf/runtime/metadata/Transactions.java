package dev.wharf.runtime.metadata;

import java.time.Duration;
import java.util.function.Supplier;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.TransientDataAccessException;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Runs work in a transaction, again from the start when it lost a race: a unique key taken by a concurrent insert, a
 * row deleted under it, a deadlock or a lock timeout.
 */
public final class Transactions {

    private static final int MAX_RETRIES = 5;
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(10);

    private Transactions() {}

    /** {@code work} in one transaction, retried as a whole. */
    public static <T> Mono<T> inTransaction(MetadataDatabase database, Supplier<Mono<T>> work) {
        return retryingRaces(Mono.defer(() -> database.transactions().transactional(Mono.defer(work))));
    }

    /** {@code work} without a transaction of its own, retried as a whole. */
    public static <T> Mono<T> retryingRaces(Mono<T> work) {
        return work.retryWhen(Retry.backoff(MAX_RETRIES, FIRST_BACKOFF)
                .filter(Transactions::isRace)
                .onRetryExhaustedThrow((spec, signal) -> signal.failure()));
    }

    private static boolean isRace(Throwable error) {
        return error instanceof DataIntegrityViolationException || error instanceof TransientDataAccessException;
    }
}
