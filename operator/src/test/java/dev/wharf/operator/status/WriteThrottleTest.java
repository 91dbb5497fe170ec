package dev.wharf.operator.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Status writes that only move figures are held to one per interval; others never wait. */
class WriteThrottleTest {

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-01T10:00:00Z"));
    private final Clock clock = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };
    private final WriteThrottle throttle = new WriteThrottle(Duration.ofSeconds(60), clock);
    private final ResourceID policy = new ResourceID("guard", "artifacts");

    @Test
    void waitWhenFiguresChangeSoonAfterAWriteShouldHoldTheWriteForTheRestOfTheInterval() {
        throttle.wrote(policy);
        now.set(now.get().plusSeconds(20));

        assertThat(throttle.wait(policy, true)).contains(Duration.ofSeconds(40));
        assertThat(throttle.wait(policy, false)).isEmpty();
        assertThat(throttle.wait(new ResourceID("other", "artifacts"), true)).isEmpty();
    }

    @Test
    void waitWhenTheIntervalHasPassedShouldLetTheWriteThrough() {
        throttle.wrote(policy);
        now.set(now.get().plusSeconds(60));

        assertThat(throttle.wait(policy, true)).isEmpty();
    }
}
