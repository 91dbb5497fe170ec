package dev.wharf.runtime.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class LoginDelaysTest {

    private static final LoginDelays DEFAULTS =
            new LoginDelays(3, Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofHours(1));

    @Test
    void afterWhenFailuresAreFreeShouldBeZero() {
        assertThat(IntStream.rangeClosed(0, 3).mapToObj(DEFAULTS::after)).containsOnly(Duration.ZERO);
    }

    @Test
    void afterWhenPastTheFreeFailuresShouldDoubleFromTheFirstDelayUpToTheMax() {
        assertThat(IntStream.rangeClosed(4, 12).mapToObj(DEFAULTS::after).map(Duration::toSeconds))
                .containsExactly(1L, 2L, 4L, 8L, 16L, 30L, 30L, 30L, 30L);
    }

    @Test
    void afterWhenFailuresAreCountlessShouldStayAtTheMax() {
        assertThat(DEFAULTS.after(Integer.MAX_VALUE)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void afterTenTyposTheOwnerWaitsLessThanAMinute() {
        assertThat(DEFAULTS.after(10)).isLessThan(Duration.ofMinutes(1));
    }

    @Test
    void newWhenFreeFailuresAreNegativeShouldThrowException() {
        assertThatThrownBy(
                        () -> new LoginDelays(-1, Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofHours(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("free-failures must be 0 or more, but is -1");
    }

    @Test
    void newWhenFirstDelayIsZeroShouldThrowException() {
        assertThatThrownBy(() -> new LoginDelays(3, Duration.ZERO, Duration.ofSeconds(30), Duration.ofHours(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("first-delay must be longer than 0, but is PT0S");
    }

    @Test
    void newWhenMaxDelayIsBelowTheFirstShouldThrowException() {
        assertThatThrownBy(() -> new LoginDelays(3, Duration.ofSeconds(10), Duration.ofSeconds(5), Duration.ofHours(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("max-delay (PT5S) must be at least first-delay (PT10S)");
    }

    @Test
    void newWhenForgetAfterIsNotLongerThanMaxDelayShouldThrowException() {
        assertThatThrownBy(
                        () -> new LoginDelays(3, Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofSeconds(30)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("forget-after (PT30S) must be longer than max-delay (PT30S)");
    }
}
