package dev.wharf.runtime.web;

import dev.wharf.runtime.auth.FailedLogins;
import dev.wharf.runtime.auth.LoginDelays;
import java.time.Duration;
import org.springframework.http.HttpStatus;

/**
 * A password check refused without being made, while failed ones in a row make the next wait: 429 with {@code
 * Retry-After}.
 */
public final class LoginsThrottledException extends RequestRefusedException {

    private static final long serialVersionUID = 1L;

    private final long retryAfterSeconds;

    LoginsThrottledException(String user, FailedLogins.Wait wait, LoginDelays delays) {
        super(
                HttpStatus.TOO_MANY_REQUESTS,
                "Too many failed logins",
                wait.failures() + " wrong passwords in a row for user '" + user + "' from this address: to slow down"
                        + " password guessing, each failure after the first " + delays.freeFailures()
                        + " makes the next check from here wait (" + seconds(delays.firstDelay())
                        + " s, doubling up to "
                        + seconds(delays.maxDelay()) + " s); try again in " + seconds(wait.remaining())
                        + " s, and the right password then clears the count");
        this.retryAfterSeconds = seconds(wait.remaining());
    }

    /** The value of the {@code Retry-After} header: whole seconds, at least 1. */
    public String retryAfter() {
        return Long.toString(retryAfterSeconds);
    }

    private static long seconds(Duration duration) {
        return Math.max(1, (duration.toMillis() + 999) / 1000);
    }
}
