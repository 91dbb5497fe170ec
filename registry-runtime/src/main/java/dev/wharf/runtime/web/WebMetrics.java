package dev.wharf.runtime.web;

import dev.wharf.api.v1alpha1.common.Format;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.springframework.web.reactive.function.server.HandlerFilterFunction;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The request metrics of the registry routes, tagged by registry, format, method and status (all of low
 * cardinality: never a package name or a digest): {@code wharf.requests} (a timer) and {@code wharf.bytes.in} /
 * {@code wharf.bytes.out}.
 */
public final class WebMetrics {

    private static final String UNKNOWN = "unknown";

    private final MeterRegistry meters;
    // The meters by their tags, so that a request finds its own without building and sorting a tag list.
    private final Map<RequestKey, Timer> timers = new ConcurrentHashMap<>();
    private final Map<ByteKey, Counter> counters = new ConcurrentHashMap<>();

    public WebMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    /** Counts bytes received for the registry. */
    public void bytesIn(ServedRegistry registry, long bytes) {
        counter("wharf.bytes.in", registry).increment((double) bytes);
    }

    /** Counts bytes sent for the registry. */
    public void bytesOut(ServedRegistry registry, long bytes) {
        counter("wharf.bytes.out", registry).increment((double) bytes);
    }

    /**
     * A filter that times each request of a format's routes. The registry tag is the {@code registry} path variable
     * when it names a configured registry, else {@code unknown}, so that made-up names cannot add series.
     */
    HandlerFilterFunction<ServerResponse, ServerResponse> timing(Format format, ServedRegistries registries) {
        return (request, next) -> {
            long start = System.nanoTime();
            return next.handle(request).doOnSuccess(response -> record(request, format, registries, response, start));
        };
    }

    private void record(
            ServerRequest request,
            Format format,
            ServedRegistries registries,
            ServerResponse response,
            long startNanos) {
        Map<String, String> variables = request.pathVariables();
        String named = variables.getOrDefault("registry", UNKNOWN);
        String registry = registries.configures(named) ? named : UNKNOWN;
        RequestKey key = new RequestKey(
                registry, format, request.method().name(), response.statusCode().value());
        timers.computeIfAbsent(key, this::timer).record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
    }

    private Timer timer(RequestKey key) {
        return Timer.builder("wharf.requests")
                .description("Requests to the registry routes")
                .tag("registry", key.registry())
                .tag("format", key.format().id())
                .tag("method", key.method())
                .tag("status", String.valueOf(key.status()))
                .register(meters);
    }

    private Counter counter(String name, ServedRegistry registry) {
        return counters.computeIfAbsent(
                new ByteKey(name, registry.name(), registry.format()),
                key -> Counter.builder(key.name())
                        .baseUnit("bytes")
                        .tag("registry", key.registry())
                        .tag("format", key.format().id())
                        .register(meters));
    }

    private record RequestKey(String registry, Format format, String method, int status) {}

    private record ByteKey(String name, String registry, Format format) {}
}
