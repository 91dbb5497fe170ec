package dev.wharf.runtime.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {

    @Test
    void parseShouldAddUpEveryPart() {
        assertThat(Durations.parse("f", "1h30m", Duration.ZERO)).isEqualTo(Duration.ofMinutes(90));
        assertThat(Durations.parse("f", "1w2d", Duration.ZERO)).isEqualTo(Duration.ofDays(9));
        assertThat(Durations.parse("f", "1s500ms", Duration.ZERO)).isEqualTo(Duration.ofMillis(1500));
    }

    @Test
    void parseWhenValueIsNullShouldGiveTheDefault() {
        assertThat(Durations.parse("f", null, Duration.ofMinutes(10))).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void parseWhenValueIsNotADurationShouldNameTheFieldAndTheValue() {
        assertThatThrownBy(() -> Durations.parse("spec.cache.maxStale", "7 days", Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("spec.cache.maxStale is '7 days', which is not a duration; write a number and a unit"
                        + " (ms, s, m, h, d, w), such as 30s, 1h30m or 7d");
    }
}
