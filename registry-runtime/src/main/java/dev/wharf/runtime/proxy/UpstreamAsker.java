package dev.wharf.runtime.proxy;

import dev.wharf.runtime.web.ServedRegistry;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.web.reactive.function.client.ClientResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Asks a Registry's upstreams for one object, one after the other, with GET or HEAD: skipping those offline or that
 * said "not found" within their negative TTL, remembering a new "not found", and noting failures so that the next one
 * is asked.
 */
final class UpstreamAsker {

    private static final Logger LOG = LoggerFactory.getLogger(UpstreamEngine.class);

    private final NegativeCache negatives;
    private final UpstreamMetrics metrics;

    UpstreamAsker(NegativeCache negatives, UpstreamMetrics metrics) {
        this.negatives = negatives;
        this.metrics = metrics;
    }

    /** The first non-empty answer of the upstreams, asked one after the other in order. */
    <T> Mono<T> first(List<UpstreamClient> upstreams, Function<UpstreamClient, Mono<T>> ask) {
        return Flux.fromIterable(upstreams).concatMap(ask).next();
    }

    /**
     * Asks one upstream, unless it is offline or said "not found" within its negative TTL. A 404 is remembered; a
     * failure is noted in {@code attempts} and makes the answer empty, so that the next upstream is asked.
     */
    <T> Mono<T> ask(
            ServedRegistry registry,
            UpstreamClient client,
            CacheKey key,
            UpstreamRequest request,
            HttpMethod method,
            HttpHeaders conditions,
            Attempts attempts,
            Function<ClientResponse, Mono<T>> onFound) {
        UpstreamSettings settings = client.settings();
        if (settings.offline()) {
            attempts.offline();
            return Mono.empty();
        }
        if (negatives.remembers(key, settings.name())) {
            return Mono.empty();
        }
        HttpHeaders headers = new HttpHeaders();
        headers.addAll(conditions);
        request.accept().forEach(accept -> headers.add(HttpHeaders.ACCEPT, accept));
        long start = System.nanoTime();
        String path = request.target(settings, client.protocol());
        Function<ClientResponse, Mono<Optional<T>>> handler = response -> {
            int status = response.statusCode().value();
            if (status == 404 || status == 410) {
                negatives.remember(key, settings.name(), settings.negativeTtl());
                metrics.requested(registry.name(), settings.name(), "notfound", System.nanoTime() - start);
                return response.releaseBody().thenReturn(Optional.<T>empty());
            }
            String outcome = status == 304 ? "notmodified" : "ok";
            return onFound.apply(response)
                    .doOnNext(found ->
                            metrics.requested(registry.name(), settings.name(), outcome, System.nanoTime() - start))
                    .map(Optional::of);
        };
        Mono<Optional<T>> answer = HttpMethod.HEAD.equals(method)
                ? client.head(request.name(), path, headers, handler)
                : client.get(request.name(), path, headers, handler);
        return answer.onErrorResume(e -> {
                    attempts.failed(e);
                    metrics.requested(registry.name(), settings.name(), "error", System.nanoTime() - start);
                    LOG.warn("Upstream {} of registry {}: {}", settings.name(), registry.name(), e.getMessage());
                    return Mono.empty();
                })
                .flatMap(Mono::justOrEmpty);
    }
}
