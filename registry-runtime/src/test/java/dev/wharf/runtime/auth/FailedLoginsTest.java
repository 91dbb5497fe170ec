package dev.wharf.runtime.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class FailedLoginsTest {

    private static final Instant START = Instant.parse("2026-11-30T10:00:00Z");
    private static final Duration LOCKOUT = Duration.ofMinutes(5);

    private Instant now = START;
    private final Clock clock = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    private final FailedLogins logins = new FailedLogins(3, LOCKOUT, clock);

    @Test
    void belowTheLimitEveryCheckIsAllowed() {
        logins.failed("10.0.0.1", "alice");
        logins.failed("10.0.0.1", "alice");

        assertThat(logins.lockedOut("10.0.0.1", "alice")).isEmpty();
    }

    @Test
    void atTheLimitTheUserIsLockedOutFromThatAddressForTheLockoutAfterTheLastFailure() {
        fail(3, "10.0.0.1", "alice");
        now = now.plusSeconds(60);

        assertThat(logins.lockedOut("10.0.0.1", "alice")).contains(LOCKOUT.minusSeconds(60));
    }

    @Test
    void theLockoutEndsOnItsOwnAndTheCountStartsOver() {
        fail(3, "10.0.0.1", "alice");
        now = now.plus(LOCKOUT);

        assertThat(logins.lockedOut("10.0.0.1", "alice")).isEmpty();
        logins.failed("10.0.0.1", "alice");
        assertThat(logins.lockedOut("10.0.0.1", "alice")).isEmpty();
    }

    @Test
    void otherUsersAndOtherAddressesAreNotLockedOut() {
        fail(3, "10.0.0.1", "alice");

        assertThat(logins.lockedOut("10.0.0.1", "bob")).isEmpty();
        assertThat(logins.lockedOut("10.0.0.2", "alice")).isEmpty();
    }

    @Test
    void aSuccessClearsTheFailuresBeforeIt() {
        fail(2, "10.0.0.1", "alice");
        logins.succeeded("10.0.0.1", "alice");
        fail(2, "10.0.0.1", "alice");

        assertThat(logins.lockedOut("10.0.0.1", "alice")).isEmpty();
    }

    @Test
    void failuresFurtherApartThanTheLockoutDoNotAddUp() {
        fail(2, "10.0.0.1", "alice");
        now = now.plus(LOCKOUT).plusSeconds(1);
        logins.failed("10.0.0.1", "alice");

        assertThat(logins.lockedOut("10.0.0.1", "alice")).isEmpty();
    }

    @Test
    void aLimitOfZeroTurnsTheThrottleOff() {
        FailedLogins off = new FailedLogins(0, LOCKOUT, clock);
        for (int i = 0; i < 100; i++) {
            off.failed("10.0.0.1", "alice");
        }

        assertThat(off.lockedOut("10.0.0.1", "alice")).isEmpty();
    }

    @Test
    void aNegativeLimitIsRefused() {
        assertThatThrownBy(() -> new FailedLogins(-1, LOCKOUT, clock)).isInstanceOf(IllegalArgumentException.class);
    }

    private void fail(int times, String client, String user) {
        for (int i = 0; i < times; i++) {
            logins.failed(client, user);
        }
    }
}
