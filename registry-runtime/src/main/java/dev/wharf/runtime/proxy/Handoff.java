package dev.wharf.runtime.proxy;

import java.util.concurrent.atomic.AtomicBoolean;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Where the caller whose miss started a fetch gets the object while it is being stored: claimed by the first upstream
 * response that can be streamed, given at most once; empty when the fetch ended without one.
 */
final class Handoff {

    private final AtomicBoolean claimed = new AtomicBoolean();
    private final Sinks.One<UpstreamResult> result = Sinks.one();

    /** Whether this response is the one to stream; true once at most. */
    boolean claim() {
        return claimed.compareAndSet(false, true);
    }

    /** Whether a response was streamed to the caller. */
    boolean claimed() {
        return claimed.get();
    }

    void give(UpstreamResult streamed) {
        result.tryEmitValue(streamed);
    }

    /** The fetch is over; a caller still waiting gets nothing from here. */
    void close() {
        result.tryEmitEmpty();
    }

    Mono<UpstreamResult> result() {
        return result.asMono();
    }
}
