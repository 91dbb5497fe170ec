package dev.wharf.runtime.proxy;

import dev.wharf.runtime.config.ConfiguredUpstreamProxy;
import dev.wharf.runtime.config.SecretResolver;
import dev.wharf.runtime.metadata.DownloadCounter;
import dev.wharf.runtime.metadata.FileRecord;
import dev.wharf.runtime.metadata.Files;
import dev.wharf.runtime.metadata.MetadataDatabase;
import dev.wharf.runtime.storage.Digest;
import dev.wharf.runtime.web.ServedRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Fetches objects through a Registry's UpstreamProxies, in its order, caching what they serve: the model is in the
 * package documentation. One engine serves every Registry and format; it is safe for concurrent use.
 */
public final class UpstreamEngine {

    private static final Logger LOG = LoggerFactory.getLogger(UpstreamEngine.class);
    private static final int MAX_OBJECTS = 100_000;

    private final UpstreamClients clients;
    private final DownloadCounter downloads;
    private final Clock clock;
    private final UpstreamMetrics metrics;
    private final CacheLimits limits;
    private final SingleFlight<CacheKey> flights = new SingleFlight<>();
    private final ObjectCache objects;
    private final DocumentCache documents;
    private final PersistedDocuments persisted;
    private final UpstreamAsker asker;

    /**
     * @param files where cached immutable objects are recorded
     * @param downloads counts their downloads and pull times
     * @param database where mutable documents are kept across restarts, in table {@code proxy_document}
     * @param secrets the current Secrets, read on every request
     * @param protocols the upstream protocols the formats supply, at most one per format; UpstreamProxies of another
     *     format speak {@linkplain UpstreamProtocol#plain plain} HTTP
     * @param limits how much is kept in memory and in the database
     * @param clock the time of TTLs, breakers and health
     * @param meters where metrics go; null for none
     */
    public UpstreamEngine(
            Files files,
            DownloadCounter downloads,
            MetadataDatabase database,
            Supplier<SecretResolver> secrets,
            List<UpstreamProtocol> protocols,
            CacheLimits limits,
            Clock clock,
            @Nullable MeterRegistry meters) {
        this.clients = new UpstreamClients(new UpstreamProtocols(protocols), secrets, clock);
        this.downloads = downloads;
        this.clock = clock;
        this.metrics = new UpstreamMetrics(meters);
        this.limits = limits;
        this.objects = new ObjectCache(files, MAX_OBJECTS);
        this.documents = new DocumentCache(limits.documentCacheBytes(), clock);
        this.persisted = new PersistedDocuments(database, limits.persistedBytes(), clock);
        this.asker = new UpstreamAsker(new NegativeCache(MAX_OBJECTS, clock), metrics);
    }

    /**
     * The object from the first of the Registry's upstreams that has it (and whose globs permit the name), from the
     * cache when it may be served from there. A request for an absolute URL ({@link UpstreamRequest#at}) asks only the
     * upstream whose document gave it; a mutable document is what the request's {@link DocumentTransform} made of it.
     *
     * @return the result; empty when no upstream has it (each said "not found", is offline with nothing cached, or
     *     may not serve the name); or an {@link UpstreamFailureException} naming each upstream's failure when none
     *     that was asked could answer and nothing cached may be served
     */
    public Mono<UpstreamResult> fetch(ServedRegistry registry, UpstreamRequest request) {
        return fetch(registry, request, false);
    }

    /**
     * As {@link #fetch}, except that the caller whose miss of an immutable object with a digest starts the upstream
     * request gets the bytes as they arrive, while they are stored, rather than once they are: its result's body ends
     * only once the store has verified and kept them, and fails (so that the client's response is broken off) when
     * they do not match the digest. Callers that come meanwhile wait for the stored copy, as with {@link #fetch}; so
     * does a miss whose upstream gives no length. The caller must read the body soon (within ten seconds) or cancel
     * it, and can read it once.
     */
    public Mono<UpstreamResult> stream(ServedRegistry registry, UpstreamRequest request) {
        return fetch(registry, request, true);
    }

    private Mono<UpstreamResult> fetch(ServedRegistry registry, UpstreamRequest request, boolean stream) {
        return Mono.defer(() -> {
            List<UpstreamClient> upstreams = upstreams(registry, request);
            if (upstreams.isEmpty()) {
                return Mono.empty();
            }
            CacheKey key = CacheKey.of(registry.id(), request);
            Mono<UpstreamResult> result = request.kind() == ObjectKind.IMMUTABLE
                    ? object(registry, upstreams, key, request, stream)
                    : document(registry, upstreams, key, request);
            return counted(registry, result);
        });
    }

    /**
     * What a {@code HEAD} of an immutable object answers. With a digest, without fetching it: its size, digest and
     * headers, from the cache when it is there, else from a {@code HEAD} request to the first of the upstreams that has
     * it (asked as {@link #fetch} asks them, sharing its "not found" answers and circuit breakers); nothing is
     * downloaded or stored, and an upstream whose answer gives no {@code Content-Length} or that its protocol does not
     * trust ({@link UpstreamProtocol#checkHead}) counts as failed. Without a digest, which only the bytes can give, as
     * {@link #fetch}: the object is fetched and stored once, and its body need not be read.
     *
     * @param request an immutable request
     * @return the result, whose body is empty unless it came from the cache or was fetched; empty or an
     *     {@link UpstreamFailureException} as {@link #fetch} says
     */
    public Mono<UpstreamResult> head(ServedRegistry registry, UpstreamRequest request) {
        if (request.kind() != ObjectKind.IMMUTABLE) {
            throw new IllegalArgumentException(
                    "only an immutable object can be asked for with HEAD, not " + request.path());
        }
        Digest digest = request.digest();
        if (digest == null) {
            return fetch(registry, request);
        }
        return Mono.defer(() -> {
            List<UpstreamClient> upstreams = upstreams(registry, request);
            if (upstreams.isEmpty()) {
                return Mono.empty();
            }
            CacheKey key = CacheKey.of(registry.id(), request);
            Attempts attempts = new Attempts();
            Mono<UpstreamResult> asked = asker.first(
                            upstreams,
                            client -> asker.ask(
                                    registry,
                                    client,
                                    key,
                                    request,
                                    HttpMethod.HEAD,
                                    HttpHeaders.EMPTY,
                                    attempts,
                                    response -> ObjectHeads.read(
                                            client.settings().name(), client.protocol(), request, digest, response)))
                    .doOnNext(head -> metrics.fetched(registry.name(), head.upstream(), CacheOutcome.MISS.tag()))
                    .switchIfEmpty(Mono.defer(() -> attempts.nothingFound(registry.name(), request.path())));
            return counted(registry, cachedObject(registry, key).switchIfEmpty(asked));
        });
    }

    /**
     * A document cached for the path of a mutable request, under its own or any other {@code Accept} list, within its
     * upstream's metadata TTL and taken by {@code wanted}: for a conditional request, which the client's copy answers
     * without asking an upstream when it is one of them.
     *
     * @return the first such document, served from the cache; empty when there is none
     */
    public Mono<UpstreamResult> cachedDocument(
            ServedRegistry registry, UpstreamRequest request, Predicate<UpstreamResult> wanted) {
        if (request.kind() != ObjectKind.MUTABLE) {
            throw new IllegalArgumentException("only a mutable document is cached in memory");
        }
        return Mono.defer(() -> {
            if (upstreams(registry, request).isEmpty()) {
                return Mono.empty();
            }
            for (CachedDocument document : documents.fresh(CacheKey.of(registry.id(), request))) {
                if (!document.madeBy(request.transform())) {
                    continue;
                }
                UpstreamResult candidate = new UpstreamResult(
                        document.upstream(),
                        CacheOutcome.HIT,
                        document.headers(),
                        document.bytes().length,
                        document.digest(),
                        DocumentCache.body(document));
                if (wanted.test(candidate)) {
                    return Mono.just(result(registry, document, CacheOutcome.HIT));
                }
            }
            return Mono.empty();
        });
    }

    /**
     * The upstreams to ask, in order: those whose globs permit the name; only {@link UpstreamRequest#via} for an
     * absolute URL, and only when the URL is on a host it may point files at.
     *
     * @throws UpstreamFailureException when the absolute URL is on a host the upstream may not point files at
     */
    private List<UpstreamClient> upstreams(ServedRegistry registry, UpstreamRequest request) {
        String via = request.via();
        List<UpstreamClient> upstreams = registry.configured().upstreamProxies().stream()
                .filter(proxy -> via == null || proxy.name().equals(via))
                .map(clients::of)
                .filter(client -> client.settings().names().permits(request.name()))
                .toList();
        if (via != null) {
            for (UpstreamClient client : upstreams) {
                URI url = URI.create(request.path());
                if (!client.settings().mayPointAt(url)) {
                    throw new UpstreamFailureException(
                            "upstream '" + via + "' points at " + url.getScheme() + "://"
                                    + url.getHost() + ", which is neither its own host nor one of its spec.fileHosts;"
                                    + " nothing was fetched (add the host to spec.fileHosts if it serves the upstream's files)");
                }
            }
        }
        return upstreams;
    }

    private Mono<UpstreamResult> counted(ServedRegistry registry, Mono<UpstreamResult> result) {
        return result.doOnError(e -> metrics.fetched(registry.name(), UpstreamMetrics.NONE, "error"))
                .switchIfEmpty(
                        Mono.fromRunnable(() -> metrics.fetched(registry.name(), UpstreamMetrics.NONE, "notfound")));
    }

    /** The health of the UpstreamProxy named {@code name}, as this runtime sees it. */
    public UpstreamHealth health(String name) {
        return clients.health(name);
    }

    /** The health of a Registry's UpstreamProxies, in its order. */
    public List<UpstreamHealth> health(List<ConfiguredUpstreamProxy> proxies) {
        return proxies.stream().map(proxy -> health(proxy.name())).toList();
    }

    /** The object cached for {@code key}, when its blob is still in the store. */
    private Mono<UpstreamResult> cachedObject(ServedRegistry registry, CacheKey key) {
        CachedObject cached = objects.get(key);
        return cached == null
                ? Mono.empty()
                : registry.store()
                        .exists(cached.digest())
                        .filter(Boolean::booleanValue)
                        .map(exists -> result(registry, cached, CacheOutcome.HIT));
    }

    private Mono<UpstreamResult> object(
            ServedRegistry registry,
            List<UpstreamClient> upstreams,
            CacheKey key,
            UpstreamRequest request,
            boolean stream) {
        return cachedObject(registry, key).switchIfEmpty(Mono.defer(() -> {
            if (!stream) {
                return flights.run(key, () -> fetchObject(registry, upstreams, key, request, null))
                        .map(object -> result(registry, object, CacheOutcome.MISS));
            }
            // Only the caller whose work the flight runs gets the handoff; the others wait for the stored copy.
            Handoff handoff = new Handoff();
            Mono<UpstreamResult> stored = flights.run(
                            key, () -> fetchObject(registry, upstreams, key, request, handoff))
                    .map(object -> result(registry, object, CacheOutcome.MISS))
                    .doFinally(signal -> handoff.close());
            Mono<UpstreamResult> streamed = handoff.result()
                    .doOnNext(result -> metrics.fetched(registry.name(), result.upstream(), CacheOutcome.MISS.tag()));
            return Flux.merge(streamed, stored).next();
        }));
    }

    private Mono<CachedObject> fetchObject(
            ServedRegistry registry,
            List<UpstreamClient> upstreams,
            CacheKey key,
            UpstreamRequest request,
            @Nullable Handoff handoff) {
        Attempts attempts = new Attempts();
        return asker.first(
                        upstreams,
                        client -> asker.ask(
                                registry,
                                client,
                                key,
                                request,
                                HttpMethod.GET,
                                HttpHeaders.EMPTY,
                                attempts,
                                response -> objects.store(registry, client, request, response, handoff)))
                .flatMap(fetched -> objects.record(registry, request, fetched))
                .doOnNext(object -> {
                    objects.put(key, object);
                    FileRecord file = object.file();
                    if (handoff != null && handoff.claimed() && file != null) {
                        // The caller it was streamed to is counted once the file is recorded.
                        downloads.record(file);
                    }
                })
                .switchIfEmpty(Mono.defer(() -> attempts.nothingFound(registry.name(), request.path())));
    }

    private Mono<UpstreamResult> document(
            ServedRegistry registry, List<UpstreamClient> upstreams, CacheKey key, UpstreamRequest request) {
        CachedDocument inMemory = usable(documents.get(key), request);
        if (inMemory != null && inMemory.fresh(clock.instant())) {
            return Mono.just(result(registry, inMemory, CacheOutcome.HIT));
        }
        return flights.run(key, () -> {
                    // After a restart (or an eviction) the copy kept in the database stands in for the one in memory.
                    Mono<CachedDocument> known = inMemory != null
                            ? Mono.just(inMemory)
                            : persisted
                                    .find(key, request.transform(), upstreams)
                                    .doOnNext(document -> documents.put(key, document));
                    return known.map(Optional::of)
                            .defaultIfEmpty(Optional.empty())
                            .flatMap(found -> {
                                CachedDocument cached = found.orElse(null);
                                if (cached != null && cached.fresh(clock.instant())) {
                                    return Mono.just(new DocumentCache.Served(cached, CacheOutcome.HIT));
                                }
                                return refreshDocument(registry, upstreams, key, request, cached);
                            });
                })
                .map(served -> result(registry, served.document(), served.outcome()));
    }

    /** {@code document} when the request's transform made it; a document another transform made is not served. */
    private static @Nullable CachedDocument usable(@Nullable CachedDocument document, UpstreamRequest request) {
        return document != null && document.madeBy(request.transform()) ? document : null;
    }

    private Mono<DocumentCache.Served> refreshDocument(
            ServedRegistry registry,
            List<UpstreamClient> upstreams,
            CacheKey key,
            UpstreamRequest request,
            @Nullable CachedDocument cached) {
        Attempts attempts = new Attempts();
        return asker.first(upstreams, client -> {
                    // Only the upstream that served the cached copy can say it has not changed.
                    CachedDocument source = cached != null
                                    && cached.upstream()
                                            .equals(client.settings().name())
                            ? cached
                            : null;
                    HttpHeaders conditions = source == null ? HttpHeaders.EMPTY : DocumentCache.conditions(source);
                    return asker.ask(registry, client, key, request, HttpMethod.GET, conditions, attempts, response -> {
                        if (source != null && response.statusCode().value() == 304) {
                            return response.releaseBody()
                                    .thenReturn(new DocumentCache.Served(
                                            source.revalidated(clock.instant()), CacheOutcome.HIT));
                        }
                        return documents
                                .read(client, request, response, limits)
                                .map(document -> new DocumentCache.Served(document, CacheOutcome.MISS));
                    });
                })
                .doOnNext(served -> documents.put(key, served.document()))
                .flatMap(served -> persisted.keep(key, served).thenReturn(served))
                .switchIfEmpty(Mono.defer(() -> {
                    if (cached != null && attempts.unreachable() && cached.servable(clock.instant())) {
                        LOG.info(
                                "Serving {} of registry {} stale from upstream {}: no upstream could answer",
                                request.path(),
                                registry.name(),
                                cached.upstream());
                        return Mono.just(new DocumentCache.Served(cached, CacheOutcome.STALE));
                    }
                    if (!attempts.unreachable()) {
                        documents.invalidate(key);
                        return persisted.forget(key).then(attempts.nothingFound(registry.name(), request.path()));
                    }
                    return attempts.nothingFound(registry.name(), request.path());
                }));
    }

    private UpstreamResult result(ServedRegistry registry, CachedObject object, CacheOutcome outcome) {
        FileRecord file = object.file();
        if (file != null) {
            downloads.record(file);
        }
        metrics.fetched(registry.name(), object.upstream(), outcome.tag());
        return new UpstreamResult(
                object.upstream(),
                outcome,
                object.headers(),
                object.size(),
                object.digest(),
                registry.store().read(object.digest(), null));
    }

    private UpstreamResult result(ServedRegistry registry, CachedDocument document, CacheOutcome outcome) {
        metrics.fetched(registry.name(), document.upstream(), outcome.tag());
        return new UpstreamResult(
                document.upstream(),
                outcome,
                document.headers(),
                document.bytes().length,
                document.digest(),
                DocumentCache.body(document));
    }
}
