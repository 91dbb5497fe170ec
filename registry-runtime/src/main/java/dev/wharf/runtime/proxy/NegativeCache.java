package dev.wharf.runtime.proxy;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** The "not found" answers of upstreams, each remembered for its upstream's negative TTL. */
final class NegativeCache {

    private record Key(CacheKey object, String upstream) {}

    private final Cache<Key, Instant> until;
    private final Clock clock;

    NegativeCache(int maxEntries, Clock clock) {
        this.until = Caffeine.newBuilder().maximumSize(maxEntries).build();
        this.clock = clock;
    }

    void remember(CacheKey object, String upstream, Duration ttl) {
        until.put(new Key(object, upstream), clock.instant().plus(ttl));
    }

    /** Whether {@code upstream} said it does not have {@code object} within its negative TTL. */
    boolean remembers(CacheKey object, String upstream) {
        Key key = new Key(object, upstream);
        Instant expiry = until.getIfPresent(key);
        if (expiry == null) {
            return false;
        }
        if (clock.instant().isBefore(expiry)) {
            return true;
        }
        until.invalidate(key);
        return false;
    }
}
