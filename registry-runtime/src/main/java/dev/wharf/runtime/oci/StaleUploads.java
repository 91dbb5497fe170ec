package dev.wharf.runtime.oci;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Ends the blob uploads their clients abandoned: every {@value #INTERVAL_MINUTES} minutes, the sessions that received
 * nothing for {@link #MAX_IDLE} are deleted, so that sessions kept for a restart do not pile up forever; counted in
 * {@code wharf.uploads.abandoned}. The chunks they held are left to blob collection.
 */
final class StaleUploads implements AutoCloseable {

    /** How long an upload may receive nothing before it is ended (the Docker registry keeps them for a week). */
    static final Duration MAX_IDLE = Duration.ofHours(1);

    static final long INTERVAL_MINUTES = 10;

    private static final Logger LOG = LoggerFactory.getLogger(StaleUploads.class);

    private final OciUploads uploads;
    private final Clock clock;
    private final Disposable timer;
    private final @Nullable Counter abandoned;

    StaleUploads(OciUploads uploads, Clock clock) {
        this(uploads, clock, null);
    }

    /** @param meters where {@code wharf.uploads.abandoned} counts the uploads ended; null for none */
    StaleUploads(OciUploads uploads, Clock clock, @Nullable MeterRegistry meters) {
        this.uploads = uploads;
        this.clock = clock;
        this.abandoned = meters == null
                ? null
                : Counter.builder("wharf.uploads.abandoned")
                        .description("Blob uploads ended after receiving nothing for an hour")
                        .register(meters);
        Duration interval = Duration.ofMinutes(INTERVAL_MINUTES);
        this.timer = Flux.interval(interval, interval)
                .onBackpressureDrop()
                .concatMap(tick -> purge().onErrorResume(e -> {
                    LOG.warn("Cannot end the abandoned blob uploads: {}", e.toString());
                    return Mono.empty();
                }))
                .subscribe();
    }

    /** Ends the uploads idle for longer than {@link #MAX_IDLE}; how many. */
    Mono<Long> purge() {
        return Mono.defer(() -> uploads.deleteStale(clock.instant().minus(MAX_IDLE)))
                .doOnNext(ended -> {
                    if (ended > 0) {
                        if (abandoned != null) {
                            abandoned.increment((double) ended);
                        }
                        LOG.info("Ended {} blob uploads idle for more than {}", ended, MAX_IDLE);
                    }
                });
    }

    @Override
    public void close() {
        timer.dispose();
    }
}
