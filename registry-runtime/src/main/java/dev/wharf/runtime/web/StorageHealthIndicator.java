package dev.wharf.runtime.web;

import dev.wharf.runtime.storage.BlobStore;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.health.contributor.AbstractReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The {@code storage} part of readiness: every blob store a serving registry uses can be written (a filesystem
 * directory) or reached with working credentials (an S3 bucket). Registries that cannot serve are listed with the
 * reason, without failing readiness: their requests already answer 503 saying why, and the others serve.
 */
final class StorageHealthIndicator extends AbstractReactiveHealthIndicator {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final ServedRegistries registries;

    StorageHealthIndicator(ServedRegistries registries) {
        super("Storage health check failed");
        this.registries = registries;
    }

    @Override
    protected Mono<Health> doHealthCheck(Health.Builder builder) {
        Map<BlobStore, String> stores = new LinkedHashMap<>();
        registries.serving().forEach(registry -> stores.putIfAbsent(registry.store(), registry.name()));
        Map<String, Object> details = new LinkedHashMap<>();
        return Flux.fromIterable(stores.entrySet())
                .concatMap(entry -> entry.getKey()
                        .checkHealth()
                        .timeout(TIMEOUT)
                        .thenReturn("ok")
                        .onErrorResume(e -> Mono.just(String.valueOf(e.getMessage())))
                        .doOnNext(result -> details.put(entry.getValue(), result)))
                .then(Mono.fromSupplier(() -> {
                    boolean healthy = details.values().stream().allMatch("ok"::equals);
                    Map<String, Object> all = new LinkedHashMap<>(details);
                    registries.unavailable().forEach((name, problems) -> all.put(name, String.join("; ", problems)));
                    return (healthy ? builder.up() : builder.down())
                            .withDetails(all)
                            .build();
                }));
    }
}
