package dev.wharf.runtime.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Counts failed password checks per client address and user name, and refuses further checks for that pair once there
 * were {@code limit} of them, until {@code lockout} has passed since the last: bcrypt is slow on purpose, so unthrottled
 * guessing would both try passwords at leisure and spend the runtime's CPU. A successful check clears the count.
 *
 * <p>Counting per address and user means a guesser locks out only that user from that address, not the user
 * everywhere. The counts live in this process; each replica counts on its own.
 */
public final class FailedLogins {

    private static final int MAX_ENTRIES = 100_000;

    private record Key(String client, String user) {}

    private record Failures(int count, Instant last) {}

    private final int limit;
    private final Duration lockout;
    private final Clock clock;
    private final Cache<Key, Failures> failures;

    /**
     * @param limit the failed checks allowed before a lockout; 0 turns the throttle off
     * @param lockout how long after the last failed check the pair stays locked out
     */
    public FailedLogins(int limit, Duration lockout, Clock clock) {
        if (limit < 0 || lockout.isNegative()) {
            throw new IllegalArgumentException("the failed-login limit and lockout cannot be negative");
        }
        this.limit = limit;
        this.lockout = lockout;
        this.clock = clock;
        this.failures = Caffeine.newBuilder()
                .maximumSize(MAX_ENTRIES)
                .expireAfterWrite(lockout)
                .build();
    }

    /** How long {@code user} must wait before the next password check from {@code client}; empty when it may try now. */
    public Optional<Duration> lockedOut(String client, String user) {
        if (limit == 0) {
            return Optional.empty();
        }
        Failures seen = failures.getIfPresent(new Key(client, user));
        if (seen == null || seen.count() < limit) {
            return Optional.empty();
        }
        Duration left = Duration.between(clock.instant(), seen.last().plus(lockout));
        return left.isNegative() || left.isZero() ? Optional.empty() : Optional.of(left);
    }

    /** Records a failed password check of {@code user} from {@code client}. */
    public void failed(String client, String user) {
        Instant now = clock.instant();
        failures.asMap().merge(new Key(client, user), new Failures(1, now), (seen, ignored) -> {
            boolean expired = !seen.last().plus(lockout).isAfter(now);
            return new Failures(expired ? 1 : seen.count() + 1, now);
        });
    }

    /** Records a successful password check, which clears the failures of the pair. */
    public void succeeded(String client, String user) {
        failures.invalidate(new Key(client, user));
    }
}
