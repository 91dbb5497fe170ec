package dev.wharf.operator.registry.dependents;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * How many Registries an operator upgrade may roll at once: at most {@code batch} new pod templates in any
 * {@code window}, shared by every reconcile. A Registry whose turn has not come keeps its pods and is reconciled
 * again when a slot frees.
 */
public final class UpgradePace {

    /** The default batch: five Registries. */
    public static final int DEFAULT_BATCH = 5;

    /** The default window: a minute. */
    public static final Duration DEFAULT_WINDOW = Duration.ofSeconds(60);

    private final int batch;
    private final Duration window;
    private final Clock clock;
    private final Deque<Instant> granted = new ArrayDeque<>();

    /**
     * @param batch the most rollouts in one window, at least 1
     * @param window the window
     */
    public UpgradePace(int batch, Duration window, Clock clock) {
        if (batch < 1) {
            throw new IllegalArgumentException("an upgrade must roll at least 1 Registry at a time, not " + batch);
        }
        this.batch = batch;
        this.window = window;
        this.clock = clock;
    }

    /** Takes a slot: empty when granted, else how long until one frees. */
    public synchronized Optional<Duration> acquire() {
        Instant now = clock.instant();
        while (!granted.isEmpty() && !granted.peekFirst().plus(window).isAfter(now)) {
            granted.pollFirst();
        }
        if (granted.size() < batch) {
            granted.addLast(now);
            return Optional.empty();
        }
        Duration wait = Duration.between(now, granted.peekFirst().plus(window));
        return Optional.of(wait.isNegative() || wait.isZero() ? Duration.ofMillis(100) : wait);
    }
}
