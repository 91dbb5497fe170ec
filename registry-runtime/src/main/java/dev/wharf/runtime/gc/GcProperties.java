package dev.wharf.runtime.gc;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * When unreferenced blobs are collected.
 *
 * @param enabled whether the collector runs on its schedule ({@code POST /api/v1/gc} works either way)
 * @param interval the time between two scheduled runs; the first runs one interval after start
 * @param grace how long a blob claimed last (uploaded, mounted, copied, fetched through a proxy) is kept although no
 *     row references it: the time an upload or a push has to reference what it wrote
 * @param batch how many blobs are examined at a time
 */
@ConfigurationProperties("wharf.gc")
public record GcProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("1h") Duration interval,
        @DefaultValue("1h") Duration grace,
        @DefaultValue("500") int batch) {

    public GcProperties {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("wharf.gc.interval must be positive, not " + interval);
        }
        if (grace.isNegative()) {
            throw new IllegalArgumentException("wharf.gc.grace must not be negative, not " + grace);
        }
        if (batch < 1) {
            throw new IllegalArgumentException("wharf.gc.batch must be at least 1, not " + batch);
        }
    }
}
