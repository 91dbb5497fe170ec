package dev.wharf.runtime.gc;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Runs the blob collector every {@code wharf.gc.interval}, unless {@code wharf.gc.enabled} is false. */
final class ScheduledCollection implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ScheduledCollection.class);

    private final Disposable timer;

    ScheduledCollection(BlobCollector collector, GcProperties properties) {
        // Flux.interval ticks on Reactor's parallel scheduler; a collection longer than the interval skips ticks.
        this.timer = properties.enabled()
                ? Flux.interval(properties.interval(), properties.interval())
                        .onBackpressureDrop()
                        .concatMap(
                                tick -> collector.collect().onErrorResume(e -> {
                                    LOG.warn(
                                            "Blob collection failed; it runs again in {}: {}",
                                            properties.interval(),
                                            e.getMessage());
                                    return Mono.empty();
                                }),
                                1)
                        .subscribe()
                : Flux.never().subscribe();
    }

    @Override
    public void close() {
        timer.dispose();
    }
}
