package dev.wharf.runtime.web;

import dev.wharf.api.v1alpha1.common.Format;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
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
        String registry =
                registries.configured().stream().anyMatch(r -> r.name().equals(named)) ? named : UNKNOWN;
        Timer.builder("wharf.requests")
                .description("Requests to the registry routes")
                .tag("registry", registry)
                .tag("format", format.id())
                .tag("method", request.method().name())
                .tag("status", String.valueOf(response.statusCode().value()))
                .register(meters)
                .record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
    }

    private Counter counter(String name, ServedRegistry registry) {
        return Counter.builder(name)
                .baseUnit("bytes")
                .tag("registry", registry.name())
                .tag("format", registry.format().id())
                .register(meters);
    }
}
