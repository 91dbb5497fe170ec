package dev.wharf.runtime.storage;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import org.jspecify.annotations.Nullable;

/**
 * Counts a store's bytes written and read, and the failures of its backend ({@link StorageException}), tagged only
 * with the kind of store ({@code filesystem}, {@code s3}) so the series stay few.
 */
final class StorageMetrics {

    private final Counter written;
    private final Counter read;
    private final Counter errors;

    private StorageMetrics(MeterRegistry registry, String store) {
        this.written = Counter.builder("wharf.storage.written")
                .description("Bytes written to blob storage, temporary upload data included")
                .baseUnit("bytes")
                .tag("store", store)
                .register(registry);
        this.read = Counter.builder("wharf.storage.read")
                .description("Bytes read from blob storage")
                .baseUnit("bytes")
                .tag("store", store)
                .register(registry);
        this.errors = Counter.builder("wharf.storage.errors")
                .description("Failures of the blob storage backend (disk, S3), not of requests")
                .tag("store", store)
                .register(registry);
    }

    /** Counters in {@code registry}, or counters that go nowhere when it is null. */
    static StorageMetrics create(@Nullable MeterRegistry registry, String store) {
        return new StorageMetrics(registry == null ? new CompositeMeterRegistry() : registry, store);
    }

    void written(long bytes) {
        written.increment((double) bytes);
    }

    void read(long bytes) {
        read.increment((double) bytes);
    }

    /** Counts {@code failure} when it is a failure of the backend. */
    void failed(Throwable failure) {
        if (failure instanceof StorageException) {
            errors.increment();
        }
    }
}
