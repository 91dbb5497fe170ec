package dev.wharf.operator.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.api.v1alpha1.common.Condition;
import dev.wharf.api.v1alpha1.common.ConditionStatus;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Conditions whose transition time moves only when their status does. */
class ConditionsTest {

    private static final String EARLIER = "2025-01-01T08:00:00Z";
    private static final String NOW = "2025-03-04T05:06:07Z";
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-03-04T05:06:07.890Z"), ZoneOffset.UTC);

    static Stream<Arguments> transitions() {
        return Stream.of(
                Arguments.of("no previous conditions", null, NOW),
                Arguments.of("no previous Ready condition", List.of(condition("Other", ConditionStatus.TRUE)), NOW),
                Arguments.of("Ready was False", List.of(condition("Ready", ConditionStatus.FALSE)), NOW),
                Arguments.of("Ready was Unknown", List.of(condition("Ready", ConditionStatus.UNKNOWN)), NOW),
                Arguments.of("Ready was already True", List.of(condition("Ready", ConditionStatus.TRUE)), EARLIER));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transitions")
    void ofWhenStatusChangesShouldTakeTheClockTimeElseKeepThePreviousOne(
            String description, @Nullable List<Condition> previous, String expectedTransitionTime) {
        Condition ready = Conditions.of("Ready", ConditionStatus.TRUE, "Accepted", "Accepted.", 3L, previous, CLOCK);

        assertThat(ready.lastTransitionTime()).isEqualTo(expectedTransitionTime);
    }

    @Test
    void ofWhenOnlyTheReasonAndMessageChangeShouldKeepTheTransitionTime() {
        List<Condition> previous =
                List.of(new Condition("Ready", ConditionStatus.TRUE, 1L, EARLIER, "Available", "Serving requests."));

        Condition ready = Conditions.of("Ready", ConditionStatus.TRUE, "Accepted", "Accepted.", 2L, previous, CLOCK);

        assertThat(ready).isEqualTo(new Condition("Ready", ConditionStatus.TRUE, 2L, EARLIER, "Accepted", "Accepted."));
    }

    @Test
    void timestampShouldBeRfc3339InUtcWithWholeSeconds() {
        assertThat(Conditions.timestamp(CLOCK)).isEqualTo(NOW);
    }

    private static Condition condition(String type, ConditionStatus status) {
        return new Condition(type, status, 1L, EARLIER, "Earlier", "Earlier.");
    }
}
