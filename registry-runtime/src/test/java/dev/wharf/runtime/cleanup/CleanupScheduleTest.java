package dev.wharf.runtime.cleanup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Schedules: cron and macros, read in the policy's time zone. */
class CleanupScheduleTest {

    @ParameterizedTest(name = "{0} in {1} after {2}")
    @CsvSource({
        "@daily, UTC, 2026-12-07T15:00:00Z, 2026-12-08T00:00:00Z",
        "@midnight, UTC, 2026-12-07T15:00:00Z, 2026-12-08T00:00:00Z",
        "@hourly, UTC, 2026-12-07T15:10:00Z, 2026-12-07T16:00:00Z",
        "@weekly, UTC, 2026-12-07T15:00:00Z, 2026-12-13T00:00:00Z",
        "@monthly, UTC, 2026-12-07T15:00:00Z, 2027-01-01T00:00:00Z",
        "@yearly, UTC, 2026-12-07T15:00:00Z, 2027-01-01T00:00:00Z",
        "0 3 * * *, Europe/Paris, 2026-12-07T15:00:00Z, 2026-12-08T02:00:00Z",
        "0 3 * * *, Europe/Paris, 2026-07-07T15:00:00Z, 2026-07-08T01:00:00Z",
        "*/15 * * * MON-FRI, UTC, 2026-12-05T10:00:00Z, 2026-12-07T00:00:00Z",
    })
    void nextWhenScheduledShouldBeTheNextTimeInTheZone(String schedule, String zone, String after, String next) {
        assertThat(CleanupSchedule.of(schedule, zone).next(Instant.parse(after)))
                .contains(Instant.parse(next));
    }

    @Test
    void lastWhenAtASlotShouldBeThatSlot() {
        assertThat(CleanupSchedule.of("0 3 * * *", null).last(Instant.parse("2026-12-07T03:00:00Z")))
                .contains(Instant.parse("2026-12-07T03:00:00Z"));
        assertThat(CleanupSchedule.of("0 3 * * *", null).last(Instant.parse("2026-12-07T02:59:59Z")))
                .contains(Instant.parse("2026-12-06T03:00:00Z"));
    }

    @Test
    void ofWhenTheZoneIsUnknownShouldNameIt() {
        assertThatThrownBy(() -> CleanupSchedule.of("@daily", "Mars/Olympus"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("spec.timeZone is 'Mars/Olympus', which is not an IANA time zone such as Europe/Paris or"
                        + " UTC");
    }

    @Test
    void ofWhenTheExpressionIsNotCronShouldNameIt() {
        assertThatThrownBy(() -> CleanupSchedule.of("61 * * * *", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("spec.schedule is '61 * * * *', which is not a five-field cron expression");
    }
}
