package dev.wharf.operator.upstream;

import static dev.wharf.operator.testing.Resources.registry;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.api.v1alpha1.common.Condition;
import dev.wharf.api.v1alpha1.common.ConditionStatus;
import dev.wharf.api.v1alpha1.registry.Registry;
import dev.wharf.api.v1alpha1.upstream.BreakerState;
import dev.wharf.api.v1alpha1.upstream.UpstreamProxy;
import dev.wharf.api.v1alpha1.upstream.UpstreamProxyStatus;
import dev.wharf.api.v1alpha1.upstream.UpstreamProxyStatus.UpstreamHealth;
import dev.wharf.operator.runtimestatus.UpstreamReport;
import dev.wharf.operator.testing.Resources;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The UpstreamProxy status, computed whole from the proxy, the Registries and the previous status. */
class UpstreamProxyStatusCalculatorTest {

    private static final String NOW = "2025-03-04T05:06:07Z";
    private static final String EARLIER = "2025-01-01T08:00:00Z";
    private static final Clock CLOCK = Clock.fixed(Instant.parse(NOW), ZoneOffset.UTC);
    private static final List<UpstreamReport> NO_REPORTS = List.of();
    private static final Duration INTERVAL = Duration.ofMinutes(1);

    static Stream<Arguments> registries() {
        return Stream.of(
                Arguments.of("no Registries", List.of(), List.of()),
                Arguments.of(
                        "Registries naming it are listed sorted",
                        List.of(registry("artifacts", "npm", "npmjs"), registry("artifacts", "mirror", "npmjs")),
                        List.of("mirror", "npm")),
                Arguments.of(
                        "a Registry naming it among others is listed",
                        List.of(registry("artifacts", "npm", "internal", "npmjs")),
                        List.of("npm")),
                Arguments.of(
                        "a Registry naming other proxies is not",
                        List.of(registry("artifacts", "npm", "npmjs"), registry("artifacts", "other", "internal")),
                        List.of("npm")),
                Arguments.of("a Registry naming no proxy is not", List.of(registry("artifacts", "local")), List.of()),
                Arguments.of(
                        "a Registry of another namespace is not",
                        List.of(registry("artifacts", "npm", "npmjs"), registry("ci", "npm-ci", "npmjs")),
                        List.of("npm")),
                Arguments.of(
                        "a Registry given twice is listed once",
                        List.of(registry("artifacts", "npm", "npmjs"), registry("artifacts", "npm", "npmjs")),
                        List.of("npm")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("registries")
    void calculateShouldListTheRegistriesOfTheNamespaceThatNameTheProxy(
            String description, List<Registry> registries, List<String> expectedUsedBy) {
        UpstreamProxyStatus status =
                UpstreamProxyStatusCalculator.calculate(proxy(1L), registries, NO_REPORTS, INTERVAL, null, CLOCK);

        assertThat(status.usedBy()).isEqualTo(expectedUsedBy);
    }

    @Test
    void calculateWhenTheProxyIsNewShouldReportReadyAcceptedAtTheClockTime() {
        UpstreamProxyStatus status = UpstreamProxyStatusCalculator.calculate(
                proxy(4L), List.of(registry("artifacts", "npm", "npmjs")), NO_REPORTS, INTERVAL, null, CLOCK);

        assertThat(status.observedGeneration()).isEqualTo(4L);
        assertThat(status.conditions())
                .containsExactly(new Condition(
                        "Ready",
                        ConditionStatus.TRUE,
                        4L,
                        NOW,
                        "Accepted",
                        "Accepted; 1 Registry in this namespace names this UpstreamProxy."));
    }

    @Test
    void calculateWhenNoRegistryNamesTheProxyShouldStillBeReadyAndSaySo() {
        UpstreamProxyStatus status =
                UpstreamProxyStatusCalculator.calculate(proxy(1L), List.of(), NO_REPORTS, INTERVAL, null, CLOCK);

        assertThat(status.conditions()).singleElement().satisfies(ready -> {
            assertThat(ready.status()).isEqualTo(ConditionStatus.TRUE);
            assertThat(ready.message())
                    .isEqualTo("Accepted; no Registry in this namespace names this UpstreamProxy yet.");
        });
    }

    @Test
    void calculateWhenReadyWasAlreadyTrueShouldKeepItsTransitionTime() {
        UpstreamProxyStatus previous = new UpstreamProxyStatus(
                List.of(new Condition("Ready", ConditionStatus.TRUE, 1L, EARLIER, "Accepted", "Accepted.")),
                1L,
                List.of(),
                null);

        UpstreamProxyStatus status = UpstreamProxyStatusCalculator.calculate(
                proxy(2L), List.of(registry("artifacts", "npm", "npmjs")), NO_REPORTS, INTERVAL, previous, CLOCK);

        assertThat(status.conditions()).singleElement().satisfies(ready -> {
            assertThat(ready.lastTransitionTime()).isEqualTo(EARLIER);
            assertThat(ready.observedGeneration()).isEqualTo(2L);
        });
    }

    @Test
    void calculateWhenReadyWasFalseShouldTakeTheClockTime() {
        UpstreamProxyStatus previous = new UpstreamProxyStatus(
                List.of(new Condition("Ready", ConditionStatus.FALSE, 1L, EARLIER, "Unreachable", "Down.")),
                1L,
                List.of(),
                null);

        UpstreamProxyStatus status =
                UpstreamProxyStatusCalculator.calculate(proxy(1L), List.of(), NO_REPORTS, INTERVAL, previous, CLOCK);

        assertThat(status.conditions())
                .singleElement()
                .extracting(Condition::lastTransitionTime)
                .isEqualTo(NOW);
    }

    @Test
    void calculateWhenNothingChangedShouldEqualThePreviousStatusWhateverTheTime() {
        List<Registry> registries = List.of(registry("artifacts", "npm", "npmjs"));
        UpstreamProxyStatus first =
                UpstreamProxyStatusCalculator.calculate(proxy(3L), registries, NO_REPORTS, INTERVAL, null, CLOCK);
        Clock later = Clock.offset(CLOCK, Duration.ofHours(5));

        UpstreamProxyStatus second =
                UpstreamProxyStatusCalculator.calculate(proxy(3L), registries, NO_REPORTS, INTERVAL, first, later);

        assertThat(second).isEqualTo(first);
    }

    @Test
    void calculateWhenSeveralRegistriesReportShouldTakeTheWorstBreakerTheMostFailuresAndTheLatestTimes() {
        List<UpstreamReport> reports = List.of(
                new UpstreamReport("npmjs", BreakerState.CLOSED, 0, NOW, EARLIER, "old error"),
                new UpstreamReport("npmjs", BreakerState.OPEN, 7, EARLIER, NOW, "connect timed out"),
                new UpstreamReport("npmjs", BreakerState.HALF_OPEN, 2, null, null, null));

        UpstreamProxyStatus status = UpstreamProxyStatusCalculator.calculate(
                proxy(1L), List.of(registry("artifacts", "npm", "npmjs")), reports, INTERVAL, null, CLOCK);

        assertThat(status.health()).isEqualTo(new UpstreamHealth(BreakerState.OPEN, 7, NOW, NOW, "connect timed out"));
    }

    @Test
    void calculateWhenOnlyTheLastSuccessMovedLessThanTheIntervalShouldKeepTheWrittenHealth() {
        UpstreamHealth written = new UpstreamHealth(BreakerState.CLOSED, 0, "2025-03-04T05:06:00Z", null, null);
        UpstreamProxyStatus previous = new UpstreamProxyStatus(null, 1L, List.of("npm"), written);
        List<UpstreamReport> soon = List.of(new UpstreamReport("npmjs", BreakerState.CLOSED, 0, NOW, null, null));
        List<UpstreamReport> later =
                List.of(new UpstreamReport("npmjs", BreakerState.CLOSED, 0, "2025-03-04T05:07:00Z", null, null));
        List<Registry> registries = List.of(registry("artifacts", "npm", "npmjs"));

        assertThat(UpstreamProxyStatusCalculator.calculate(proxy(1L), registries, soon, INTERVAL, previous, CLOCK)
                        .health())
                .isEqualTo(written);
        assertThat(UpstreamProxyStatusCalculator.calculate(proxy(1L), registries, later, INTERVAL, previous, CLOCK)
                        .health())
                .isEqualTo(new UpstreamHealth(BreakerState.CLOSED, 0, "2025-03-04T05:07:00Z", null, null));
    }

    @Test
    void calculateWhenTheBreakerOpensShouldWriteAtOnce() {
        UpstreamHealth written = new UpstreamHealth(BreakerState.CLOSED, 0, NOW, null, null);
        UpstreamProxyStatus previous = new UpstreamProxyStatus(null, 1L, List.of("npm"), written);
        List<UpstreamReport> open =
                List.of(new UpstreamReport("npmjs", BreakerState.OPEN, 5, NOW, NOW, "503 Service Unavailable"));

        UpstreamProxyStatus status = UpstreamProxyStatusCalculator.calculate(
                proxy(1L), List.of(registry("artifacts", "npm", "npmjs")), open, INTERVAL, previous, CLOCK);

        assertThat(status.health())
                .isEqualTo(new UpstreamHealth(BreakerState.OPEN, 5, NOW, NOW, "503 Service Unavailable"));
    }

    @Test
    void calculateWhenThePreviousStatusHasHealthShouldKeepIt() {
        UpstreamHealth health = new UpstreamHealth(BreakerState.OPEN, 5, EARLIER, NOW, "connect timed out");
        UpstreamProxyStatus previous = new UpstreamProxyStatus(null, null, null, health);

        UpstreamProxyStatus status =
                UpstreamProxyStatusCalculator.calculate(proxy(1L), List.of(), NO_REPORTS, INTERVAL, previous, CLOCK);

        assertThat(status.health()).isEqualTo(health);
    }

    @Test
    void calculateWhenThePreviousStatusHasOtherConditionsShouldKeepOnlyReady() {
        UpstreamProxyStatus previous = new UpstreamProxyStatus(
                List.of(new Condition("Stale", ConditionStatus.TRUE, 1L, EARLIER, "Old", "Old.")), 1L, null, null);

        UpstreamProxyStatus status =
                UpstreamProxyStatusCalculator.calculate(proxy(1L), List.of(), NO_REPORTS, INTERVAL, previous, CLOCK);

        assertThat(status.conditions()).extracting(Condition::type).containsExactly("Ready");
    }

    @Test
    void calculateWhenMoreRegistriesNameItThanTheSchemaAllowsShouldListTheFirst1024() {
        List<Registry> registries = IntStream.range(0, 1030)
                .mapToObj(i -> registry("artifacts", "npm-%04d".formatted(i), "npmjs"))
                .toList();

        UpstreamProxyStatus status =
                UpstreamProxyStatusCalculator.calculate(proxy(1L), registries, NO_REPORTS, INTERVAL, null, CLOCK);

        assertThat(status.usedBy()).hasSize(1024).startsWith("npm-0000").endsWith("npm-1023");
        assertThat(status.conditions())
                .singleElement()
                .extracting(Condition::message)
                .isEqualTo("Accepted; 1030 Registries in this namespace name this UpstreamProxy; status.usedBy"
                        + " lists the first 1024.");
    }

    private static UpstreamProxy proxy(long generation) {
        UpstreamProxy proxy = Resources.upstreamProxy("artifacts", "npmjs");
        proxy.getMetadata().setGeneration(generation);
        return proxy;
    }
}
