package dev.wharf.runtime.web;

import dev.wharf.runtime.auth.LoginDelays;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How failed password checks are slowed down, under {@code wharf.auth.failed-logins.*}: per user and client address,
 * the first failures in a row are free, then each makes the next check from that address wait, doubling up to a cap.
 *
 * @param enabled Whether failed password checks are slowed down at all.
 * @param freeFailures The failed checks in a row of one user from one client address that cost no wait.
 * @param firstDelay The wait after the first failure beyond the free ones; each further failure doubles it.
 * @param maxDelay The longest wait, however many failures: how long an owner who mistyped waits at most, and one
 *     guess per this time is what a guesser gets. At least {@code first-delay}.
 * @param forgetAfter How long after the last failure the count starts over. Longer than {@code max-delay}.
 */
@ConfigurationProperties("wharf.auth.failed-logins")
public record FailedLoginProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("3") int freeFailures,
        @DefaultValue("1s") Duration firstDelay,
        @DefaultValue("30s") Duration maxDelay,
        @DefaultValue("1h") Duration forgetAfter) {

    public FailedLoginProperties {
        // Refuses inconsistent settings at start-up, with the setting named, rather than at the first failure.
        var unused = new LoginDelays(freeFailures, firstDelay, maxDelay, forgetAfter);
    }

    /** The delays these settings describe. */
    LoginDelays delays() {
        return new LoginDelays(freeFailures, firstDelay, maxDelay, forgetAfter);
    }
}
