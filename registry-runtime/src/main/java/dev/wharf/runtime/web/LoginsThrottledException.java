package dev.wharf.runtime.web;

import java.time.Duration;
import org.springframework.http.HttpStatus;

/** A password check refused without being made, after too many failed ones: 429 with {@code Retry-After}. */
public final class LoginsThrottledException extends RequestRefusedException {

    private static final long serialVersionUID = 1L;

    private final long retryAfterSeconds;

    LoginsThrottledException(String user, Duration retryAfter) {
        super(
                HttpStatus.TOO_MANY_REQUESTS,
                "Too many failed logins",
                "too many wrong passwords for user '" + user + "' from this address; try again in "
                        + seconds(retryAfter) + " s, or use an API token");
        this.retryAfterSeconds = seconds(retryAfter);
    }

    /** The value of the {@code Retry-After} header: whole seconds, at least 1. */
    public String retryAfter() {
        return Long.toString(retryAfterSeconds);
    }

    private static long seconds(Duration duration) {
        return Math.max(1, (duration.toMillis() + 999) / 1000);
    }
}
