package dev.wharf.runtime.web;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationPredicate;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;

/**
 * Leaves the format routes out of the framework's {@code http.server.requests} observation: {@link WebMetrics} times
 * them already ({@code wharf.requests}, tagged by registry and format), and observing every download twice costs a
 * noticeable share of a small file's serving time. The management API, the probes and the metrics endpoint are
 * observed as before.
 */
final class UnobservedFormatRoutes implements ObservationPredicate {

    @Override
    public boolean test(String name, Observation.Context context) {
        if (!(context instanceof ServerRequestObservationContext server) || server.getCarrier() == null) {
            return true;
        }
        String path = server.getCarrier().getPath().value();
        return path.equals("/") || path.startsWith("/api/") || path.startsWith("/actuator");
    }
}
