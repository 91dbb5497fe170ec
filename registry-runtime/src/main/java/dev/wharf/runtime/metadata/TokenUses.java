package dev.wharf.runtime.metadata;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * When this replica last wrote each token's {@code last_used_at}, so that a token used on every request costs one
 * write a minute. Bounded: the tokens used least recently are forgotten first (and written again on their next use).
 */
final class TokenUses {

    static final Duration WRITE_INTERVAL = Duration.ofMinutes(1);
    static final int MAX_TOKENS = 10_000;

    private final Map<Long, Instant> lastWrites = new LinkedHashMap<>(64, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Instant> eldest) {
            return size() > MAX_TOKENS;
        }
    };

    /** Whether the use at {@code now} is to be written; if so, it counts as written. */
    synchronized boolean shouldWrite(long tokenId, Instant now) {
        Instant last = lastWrites.get(tokenId);
        if (last != null && now.isBefore(last.plus(WRITE_INTERVAL))) {
            return false;
        }
        lastWrites.put(tokenId, now);
        return true;
    }
}
