package dev.wharf.runtime.api;

import dev.wharf.api.v1alpha1.registry.Role;
import dev.wharf.runtime.gc.BlobCollector;
import dev.wharf.runtime.web.AccessGuard;
import dev.wharf.runtime.web.ServedRegistries;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@code POST /api/v1/gc}: collects unreferenced blobs now (or joins the collection under way) and answers what it
 * did. A collection acts on every registry of the metadata database, so the caller must be an admin of every
 * registry served.
 */
final class GcApi {

    private final ServedRegistries registries;
    private final AccessGuard guard;
    private final BlobCollector collector;

    GcApi(ServedRegistries registries, AccessGuard guard, BlobCollector collector) {
        this.registries = registries;
        this.guard = guard;
        this.collector = collector;
    }

    Mono<ServerResponse> collect(ServerRequest request) {
        return guard.requireAuthenticated(request, registries.serving())
                .flatMap(principal -> Flux.fromIterable(registries.serving())
                        .concatMap(registry -> guard.authorize(request, registry, principal, Role.ADMIN))
                        .then())
                .then(collector.collect())
                .flatMap(report -> ApiResponses.json(new GcView(
                        report.startedAt().toString(),
                        report.took().toMillis(),
                        report.examined(),
                        report.blobsDeleted(),
                        report.bytesDeleted(),
                        report.finished())));
    }

    /** The answer: the collection's report, its times as ISO-8601 and milliseconds. */
    record GcView(
            String startedAt, long tookMillis, long examined, long blobsDeleted, long bytesDeleted, long finished) {}
}
