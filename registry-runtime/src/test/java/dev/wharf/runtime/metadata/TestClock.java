package dev.wharf.runtime.metadata;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock the tests move by hand; it starts with nanoseconds the database cannot keep. */
final class TestClock extends Clock {

    private volatile Instant now = Instant.parse("2025-03-01T10:00:00.123456789Z");

    void advance(Duration duration) {
        now = now.plus(duration);
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the test clock is in UTC");
    }
}
