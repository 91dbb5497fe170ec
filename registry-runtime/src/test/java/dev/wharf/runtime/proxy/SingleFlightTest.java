package dev.wharf.runtime.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

class SingleFlightTest {

    private final SingleFlight<String> flights = new SingleFlight<>();
    private final AtomicInteger started = new AtomicInteger();

    @Test
    void runWhileTheWorkIsUnderWayShouldShareItsOutcome() {
        Sinks.One<String> outcome = Sinks.one();
        Mono<String> first = flights.run("k", () -> {
            started.incrementAndGet();
            return outcome.asMono();
        });
        Mono<String> second = flights.run("k", () -> {
            started.incrementAndGet();
            return Mono.just("other");
        });
        var firstValue = first.toFuture();
        var secondValue = second.toFuture();

        outcome.tryEmitValue("shared");

        assertThat(firstValue.join()).isEqualTo("shared");
        assertThat(secondValue.join()).isEqualTo("shared");
        assertThat(started).hasValue(1);
        assertThat(flights.size()).isZero();
    }

    @Test
    void runAfterTheWorkEndedShouldStartItAgain() {
        assertThat(flights.run("k", () -> Mono.just(started.incrementAndGet())).block(Duration.ofSeconds(5)))
                .isEqualTo(1);
        assertThat(flights.run("k", () -> Mono.just(started.incrementAndGet())).block(Duration.ofSeconds(5)))
                .isEqualTo(2);
    }

    @Test
    void runAfterTheWorkFailedShouldStartItAgain() {
        Mono<Integer> failing = flights.run("k", () -> Mono.error(new IllegalStateException("down")));
        assertThat(failing.onErrorReturn(-1).block(Duration.ofSeconds(5))).isEqualTo(-1);

        assertThat(flights.run("k", () -> Mono.just(7)).block(Duration.ofSeconds(5)))
                .isEqualTo(7);
    }
}
