package dev.wharf.runtime.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

class SingleFlightCancelTest {

    private final SingleFlight<String> flights = new SingleFlight<>();

    @Test
    void runWhenOneOfTwoCallersCancelsShouldGoOnForTheOther() {
        Sinks.One<String> outcome = Sinks.one();
        AtomicBoolean cancelled = new AtomicBoolean();
        Mono<String> work = outcome.asMono().doOnCancel(() -> cancelled.set(true));
        Disposable first = flights.run("k", () -> work).subscribe();
        var second = flights.run("k", () -> work).toFuture();

        first.dispose();
        outcome.tryEmitValue("done");

        assertThat(second.join()).isEqualTo("done");
        assertThat(cancelled).isFalse();
    }

    @Test
    void runWhenEveryCallerCancelsShouldGoOnAndLetTheNextCallerJoinIt() {
        Sinks.One<String> outcome = Sinks.one();
        AtomicBoolean cancelled = new AtomicBoolean();
        AtomicInteger started = new AtomicInteger();
        Mono<String> work = outcome.asMono().doOnCancel(() -> cancelled.set(true));
        flights.run("k", () -> {
                    started.incrementAndGet();
                    return work;
                })
                .subscribe()
                .dispose();

        var next = flights.run("k", () -> {
                    started.incrementAndGet();
                    return Mono.just("afresh");
                })
                .toFuture();
        outcome.tryEmitValue("done");

        assertThat(cancelled).isFalse();
        assertThat(next.join()).isEqualTo("done");
        assertThat(started).hasValue(1);
        assertThat(flights.size()).isZero();
    }
}
