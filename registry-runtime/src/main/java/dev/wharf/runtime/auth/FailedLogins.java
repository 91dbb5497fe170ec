package dev.wharf.runtime.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * Counts failed password checks in a row per client address and user name, and makes the next check of that pair wait
 * as {@link LoginDelays} says: bcrypt is slow on purpose, so unthrottled guessing would both try passwords at leisure
 * and spend the runtime's CPU. A successful check clears the count.
 *
 * <p>Counting per address and user means a guesser slows down only that user from that address: the same user from
 * an address that has not been failing is never refused. The counts live in this process; each replica counts on its
 * own.
 */
public final class FailedLogins {

    private static final int MAX_ENTRIES = 100_000;

    private record Key(String client, String user) {}

    /** The failures in a row, when the last was, and when the next check may run. */
    private record Failures(int count, Instant last, Instant notBefore) {}

    /**
     * A check refused for now.
     *
     * @param failures the failed checks in a row of the pair
     * @param remaining how long until the next check may run
     */
    public record Wait(int failures, Duration remaining) {}

    private final LoginDelays delays;
    private final Clock clock;
    private final Cache<Key, Failures> failures;

    public FailedLogins(LoginDelays delays, Clock clock) {
        this.delays = delays;
        this.clock = clock;
        this.failures = Caffeine.newBuilder()
                .maximumSize(MAX_ENTRIES)
                .expireAfterWrite(delays.forgetAfter())
                .build();
    }

    public LoginDelays delays() {
        return delays;
    }

    /**
     * Asks to check a password of {@code user} from {@code client} now; the caller then reports {@link #failed} or
     * {@link #succeeded}. While the pair is past its free failures it gets one check at a time: a check let through
     * holds the next ones off for the delay its failure would bring, so that guesses sent in parallel gain nothing.
     *
     * @return empty when the check may run; how long to wait otherwise
     */
    public Optional<Wait> begin(String client, String user) {
        Instant now = clock.instant();
        AtomicReference<@Nullable Wait> refused = new AtomicReference<>();
        failures.asMap().computeIfPresent(new Key(client, user), (key, seen) -> {
            if (forgotten(seen, now)) {
                return null;
            }
            if (now.isBefore(seen.notBefore())) {
                refused.set(new Wait(seen.count(), Duration.between(now, seen.notBefore())));
                return seen;
            }
            if (seen.count() < delays.freeFailures()) {
                return seen;
            }
            return new Failures(seen.count(), seen.last(), now.plus(delays.after(seen.count() + 1)));
        });
        return Optional.ofNullable(refused.get());
    }

    /** Records a failed password check of {@code user} from {@code client}. */
    public void failed(String client, String user) {
        Instant now = clock.instant();
        failures.asMap()
                .merge(
                        new Key(client, user),
                        failure(1, now),
                        (seen, first) -> forgotten(seen, now) ? first : failure(seen.count() + 1, now));
    }

    /** Records a successful password check, which clears the failures of the pair. */
    public void succeeded(String client, String user) {
        failures.invalidate(new Key(client, user));
    }

    private Failures failure(int count, Instant now) {
        return new Failures(count, now, now.plus(delays.after(count)));
    }

    private boolean forgotten(Failures seen, Instant now) {
        return !now.isBefore(seen.last().plus(delays.forgetAfter()));
    }
}
