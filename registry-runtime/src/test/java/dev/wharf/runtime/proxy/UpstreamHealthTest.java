package dev.wharf.runtime.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.api.v1alpha1.upstream.BreakerState;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class UpstreamHealthTest {

    private static final Instant THEN = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void summaryOfAnUpstreamNeverAskedShouldBeUnknown() {
        assertThat(UpstreamHealth.unknown("hub").summary()).isEqualTo("unknown");
    }

    @Test
    void summaryAfterASuccessShouldBeUp() {
        assertThat(new UpstreamHealth("hub", BreakerState.CLOSED, 0, THEN, null, null).summary())
                .isEqualTo("up");
    }

    @Test
    void summaryAfterAFailureWithTheBreakerClosedShouldBeFailing() {
        assertThat(new UpstreamHealth("hub", BreakerState.CLOSED, 1, THEN, THEN, "503").summary())
                .isEqualTo("failing");
    }

    @Test
    void summaryWhileTheBreakerIsNotClosedShouldBeDown() {
        assertThat(new UpstreamHealth("hub", BreakerState.OPEN, 5, null, THEN, "503").summary())
                .isEqualTo("down");
        assertThat(new UpstreamHealth("hub", BreakerState.HALF_OPEN, 5, null, THEN, "503").summary())
                .isEqualTo("down");
    }
}
