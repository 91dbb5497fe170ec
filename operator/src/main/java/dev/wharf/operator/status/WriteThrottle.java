package dev.wharf.operator.status;

import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Rate-limits the status writes that only move figures (counts, times) of a resource: at most one per interval. A
 * write that changes a condition or the spec's generation is never held back.
 */
public final class WriteThrottle {

    private final Duration interval;
    private final Clock clock;
    private final Map<ResourceID, Instant> lastWrite = new ConcurrentHashMap<>();

    /** @param interval the least time between two figure-only writes of one resource */
    public WriteThrottle(Duration interval, Clock clock) {
        this.interval = interval;
        this.clock = clock;
    }

    /**
     * How long a figure-only write of {@code resource} must wait; empty when it may be written now. A write that is
     * not figure-only may always be made.
     */
    public Optional<Duration> wait(ResourceID resource, boolean figuresOnly) {
        Instant last = lastWrite.get(resource);
        if (!figuresOnly || last == null) {
            return Optional.empty();
        }
        Duration since = Duration.between(last, clock.instant());
        return since.compareTo(interval) >= 0 ? Optional.empty() : Optional.of(interval.minus(since));
    }

    /** Records a write of {@code resource} now, and forgets writes older than the interval. */
    public void wrote(ResourceID resource) {
        Instant now = clock.instant();
        lastWrite.values().removeIf(at -> !at.plus(interval).isAfter(now));
        lastWrite.put(resource, now);
    }
}
