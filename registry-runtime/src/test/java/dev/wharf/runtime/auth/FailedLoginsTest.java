package dev.wharf.runtime.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class FailedLoginsTest {

    private static final String CLIENT = "10.0.0.1";
    private static final LoginDelays DELAYS =
            new LoginDelays(3, Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofHours(1));

    private Instant now = Instant.parse("2026-11-30T10:00:00Z");
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

    private final FailedLogins logins = new FailedLogins(DELAYS, clock);

    @Test
    void beginWhenTheFailuresAreFreeShouldLetTheCheckRun() {
        fail(3, CLIENT, "alice");

        assertThat(logins.begin(CLIENT, "alice")).isEmpty();
    }

    @Test
    void beginAfterTheFirstFailureBeyondTheFreeOnesShouldWaitTheFirstDelay() {
        fail(4, CLIENT, "alice");

        assertThat(logins.begin(CLIENT, "alice")).contains(new FailedLogins.Wait(4, Duration.ofSeconds(1)));
        now = now.plusMillis(400);
        assertThat(logins.begin(CLIENT, "alice")).contains(new FailedLogins.Wait(4, Duration.ofMillis(600)));
        now = now.plusMillis(600);
        assertThat(logins.begin(CLIENT, "alice")).isEmpty();
    }

    @Test
    void beginWhenTheOwnerWaitsOutEachDelayShouldDoubleItUpToTheMax() {
        fail(3, CLIENT, "alice");
        StringBuilder waits = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            assertThat(logins.begin(CLIENT, "alice")).isEmpty();
            logins.failed(CLIENT, "alice");
            Duration wait = logins.begin(CLIENT, "alice").orElseThrow().remaining();
            waits.append(wait.toSeconds()).append(' ');
            now = now.plus(wait);
        }

        assertThat(waits.toString().trim()).isEqualTo("1 2 4 8 16 30 30 30");
    }

    @Test
    void beginWhenTheWaitIsOverShouldHoldOffParallelChecksUntilTheFirstHasAnswered() {
        fail(4, CLIENT, "alice");
        now = now.plusSeconds(1);

        assertThat(logins.begin(CLIENT, "alice")).isEmpty();
        assertThat(logins.begin(CLIENT, "alice")).contains(new FailedLogins.Wait(4, Duration.ofSeconds(2)));
        logins.failed(CLIENT, "alice");
        assertThat(logins.begin(CLIENT, "alice")).contains(new FailedLogins.Wait(5, Duration.ofSeconds(2)));
    }

    @Test
    void beginWhileTheFailuresAreFreeShouldNotHoldOffParallelChecks() {
        fail(2, CLIENT, "alice");

        assertThat(logins.begin(CLIENT, "alice")).isEmpty();
        assertThat(logins.begin(CLIENT, "alice")).isEmpty();
    }

    @Test
    void beginFromAnAddressThatHasNotBeenFailingShouldLetTheRightPasswordThrough() {
        fail(20, CLIENT, "alice");

        assertThat(logins.begin(CLIENT, "alice")).isPresent();
        assertThat(logins.begin("10.0.0.2", "alice")).isEmpty();
        logins.succeeded("10.0.0.2", "alice");
        assertThat(logins.begin(CLIENT, "alice")).isPresent();
    }

    @Test
    void beginForAnotherUserFromTheFailingAddressShouldLetTheCheckRun() {
        fail(20, CLIENT, "alice");

        assertThat(logins.begin(CLIENT, "bob")).isEmpty();
    }

    @Test
    void succeededShouldClearTheFailuresBeforeIt() {
        fail(6, CLIENT, "alice");
        now = now.plusSeconds(4);
        assertThat(logins.begin(CLIENT, "alice")).isEmpty();
        logins.succeeded(CLIENT, "alice");
        fail(3, CLIENT, "alice");

        assertThat(logins.begin(CLIENT, "alice")).isEmpty();
    }

    @Test
    void failedWhenTheLastFailureIsForgottenShouldStartTheCountOver() {
        fail(10, CLIENT, "alice");
        now = now.plus(DELAYS.forgetAfter());

        assertThat(logins.begin(CLIENT, "alice")).isEmpty();
        fail(3, CLIENT, "alice");
        assertThat(logins.begin(CLIENT, "alice")).isEmpty();
    }

    @Test
    void failedWhenTheLastFailureIsNotForgottenYetShouldAddUp() {
        fail(3, CLIENT, "alice");
        now = now.plus(DELAYS.forgetAfter()).minusSeconds(1);
        logins.failed(CLIENT, "alice");

        assertThat(logins.begin(CLIENT, "alice")).contains(new FailedLogins.Wait(4, Duration.ofSeconds(1)));
    }

    private void fail(int times, String client, String user) {
        for (int i = 0; i < times; i++) {
            logins.failed(client, user);
        }
    }
}
