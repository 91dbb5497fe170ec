package dev.wharf.runtime.auth;

import java.time.Duration;

/**
 * How long the password checks of one user from one client address wait after failures in a row: the first {@code
 * freeFailures} cost nothing, each one after makes the next check wait {@code firstDelay}, doubling, at most {@code
 * maxDelay}; {@code forgetAfter} without a failure starts the count over.
 *
 * <p>With the defaults (3, 1 s, 30 s, 1 h) an owner who mistyped ten times waits 30 s at most, and a guesser gets two
 * guesses a minute.
 */
public record LoginDelays(int freeFailures, Duration firstDelay, Duration maxDelay, Duration forgetAfter) {

    public LoginDelays {
        if (freeFailures < 0) {
            throw new IllegalArgumentException("free-failures must be 0 or more, but is " + freeFailures);
        }
        if (!firstDelay.isPositive()) {
            throw new IllegalArgumentException("first-delay must be longer than 0, but is " + firstDelay);
        }
        if (maxDelay.compareTo(firstDelay) < 0) {
            throw new IllegalArgumentException(
                    "max-delay (" + maxDelay + ") must be at least first-delay (" + firstDelay + ")");
        }
        if (forgetAfter.compareTo(maxDelay) <= 0) {
            throw new IllegalArgumentException("forget-after (" + forgetAfter + ") must be longer than max-delay ("
                    + maxDelay + "): a guesser waiting out each delay would otherwise never get past the first");
        }
    }

    /** The wait before the next check after {@code failures} failures in a row. */
    public Duration after(int failures) {
        if (failures <= freeFailures) {
            return Duration.ZERO;
        }
        Duration delay = firstDelay;
        for (int doublings = failures - freeFailures - 1; doublings > 0 && delay.compareTo(maxDelay) < 0; doublings--) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(maxDelay) < 0 ? delay : maxDelay;
    }
}
