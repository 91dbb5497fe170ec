package dev.wharf.runtime.proxy;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The engine's meters, tagged with low-cardinality values only (registry, upstream, outcome; never a package name):
 * {@code wharf.upstream.fetches} counts what each fetch came to (hit, miss, stale, notfound, error) and
 * {@code wharf.upstream.requests} times the requests sent to upstreams (ok, notmodified, notfound, error).
 */
final class UpstreamMetrics {

    static final String FETCHES = "wharf.upstream.fetches";
    static final String REQUESTS = "wharf.upstream.requests";

    /** The upstream tag of a fetch no upstream answered. */
    static final String NONE = "none";

    private final @Nullable MeterRegistry meters;

    UpstreamMetrics(@Nullable MeterRegistry meters) {
        this.meters = meters;
    }

    void fetched(String registry, String upstream, String outcome) {
        if (meters != null) {
            Counter.builder(FETCHES)
                    .description("Fetches through upstream proxies, by what they came to")
                    .tag("registry", registry)
                    .tag("upstream", upstream)
                    .tag("outcome", outcome)
                    .register(meters)
                    .increment();
        }
    }

    void requested(String registry, String upstream, String outcome, long nanos) {
        if (meters != null) {
            Timer.builder(REQUESTS)
                    .description("Requests sent to upstream proxies, by outcome")
                    .tag("registry", registry)
                    .tag("upstream", upstream)
                    .tag("outcome", outcome)
                    .register(meters)
                    .record(nanos, TimeUnit.NANOSECONDS);
        }
    }
}
