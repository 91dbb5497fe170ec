package dev.wharf.runtime.web;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where Prometheus scrapes the runtime, under {@code wharf.metrics.*}.
 *
 * @param port Port of a separate listener that serves only {@code GET /actuator/prometheus}, so that an Ingress or
 *     Service routing the main port never exposes the metrics; the main port then refuses that path with 404. Unset
 *     (local mode), the metrics are on the main port.
 */
@ConfigurationProperties("wharf.metrics")
public record MetricsProperties(@Nullable Integer port) {}
