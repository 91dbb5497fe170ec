package dev.wharf.runtime.proxy;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.wharf.runtime.metadata.FileConflictException;
import dev.wharf.runtime.metadata.FileRecord;
import dev.wharf.runtime.metadata.Files;
import dev.wharf.runtime.metadata.NewFile;
import dev.wharf.runtime.storage.BlobTooLargeException;
import dev.wharf.runtime.storage.Digest;
import dev.wharf.runtime.storage.DigestMismatchException;
import dev.wharf.runtime.storage.StoredBlob;
import dev.wharf.runtime.web.ServedRegistry;
import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.function.BodyExtractors;
import org.springframework.web.reactive.function.client.ClientResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The immutable objects upstreams served: streamed into the Registry's BlobStore (checked against the request's
 * digest), recorded in the metadata as files that came through the upstream, and indexed in memory by request so
 * that later requests are served from the store. After a restart the index is empty; the files recorded in the
 * metadata are the format's to find first.
 */
final class ObjectCache {

    private static final Logger LOG = LoggerFactory.getLogger(ObjectCache.class);

    /** How long a streamed body waits for its caller to read it before the store goes on without it. */
    static final Duration CLAIM_TIMEOUT = Duration.ofSeconds(10);

    private final Files files;
    private final Cache<CacheKey, CachedObject> objects;

    ObjectCache(Files files, int maxObjects) {
        this.files = files;
        this.objects = Caffeine.newBuilder().maximumSize(maxObjects).build();
    }

    /** The object cached for {@code key}; null when there is none. */
    @Nullable CachedObject get(CacheKey key) {
        return objects.getIfPresent(key);
    }

    void put(CacheKey key, CachedObject object) {
        objects.put(key, object);
    }

    /**
     * The 200 response of an upstream, streamed into the Registry's store and checked against its digest. When
     * {@code handoff} can be claimed and the response has a length within the Registry's limit, the body is also given
     * there as it arrives ({@link BodyTee}), ending only once the store has verified and kept it.
     */
    Mono<FetchedObject> store(
            ServedRegistry registry,
            UpstreamClient client,
            UpstreamRequest request,
            ClientResponse response,
            @Nullable Handoff handoff) {
        String upstream = client.settings().name();
        int status = response.statusCode().value();
        if (status != 200) {
            return response.releaseBody()
                    .then(Mono.error(new UpstreamFailureException("upstream '" + upstream + "' answered " + status
                            + " to an unconditional GET " + request.path())));
        }
        HttpHeaders headers = client.protocol().kept(response.headers().asHttpHeaders());
        Flux<DataBuffer> body = ContentChecks.checked(client, request, response.body(BodyExtractors.toDataBuffers()));
        long length = response.headers().contentLength().orElse(-1);
        Digest digest = request.digest();
        if (handoff == null || digest == null || length < 0 || length > registry.maxUploadBytes() || !handoff.claim()) {
            return put(registry, upstream, request, body).map(blob -> new FetchedObject(upstream, blob, headers));
        }
        BodyTee tee = new BodyTee(body);
        Mono<FetchedObject> stored = put(registry, upstream, request, tee.store())
                .doOnNext(blob -> tee.verified())
                .doOnError(tee::reject)
                .doOnCancel(() -> tee.reject(new UpstreamFailureException(
                        "the fetch of " + request.path() + " from upstream '" + upstream + "' was cancelled")))
                .map(blob -> new FetchedObject(upstream, blob, headers));
        tee.abandonClientAfter(CLAIM_TIMEOUT);
        handoff.give(new UpstreamResult(upstream, CacheOutcome.MISS, headers, length, digest, tee.client()));
        return stored;
    }

    private static Mono<StoredBlob> put(
            ServedRegistry registry, String upstream, UpstreamRequest request, Flux<DataBuffer> body) {
        return registry.store()
                .put(body, request.digest(), registry.maxUploadBytes())
                .onErrorMap(
                        e -> e instanceof DigestMismatchException || e instanceof BlobTooLargeException,
                        e -> new UpstreamFailureException(
                                "upstream '" + upstream + "' sent content for " + request.path()
                                        + " that cannot be kept: " + e.getMessage(),
                                e));
    }

    /** An immutable object stored, before it is recorded in the metadata. */
    record FetchedObject(String upstream, StoredBlob blob, HttpHeaders headers) {}

    Mono<CachedObject> record(ServedRegistry registry, UpstreamRequest request, FetchedObject fetched) {
        UpstreamRequest.CachedFile file = request.file();
        Digest digest = fetched.blob().digest();
        long size = fetched.blob().size();
        if (file == null) {
            return Mono.just(new CachedObject(fetched.upstream(), digest, size, fetched.headers(), null));
        }
        String contentType = fetched.headers().getFirst(HttpHeaders.CONTENT_TYPE);
        NewFile record = new NewFile(
                registry.id(),
                file.packageName(),
                file.version(),
                file.path(),
                digest,
                size,
                contentType == null ? "application/octet-stream" : contentType,
                "upstream:" + fetched.upstream(),
                fetched.upstream(),
                NewFile.Overwrite.REFUSE);
        return files.record(record)
                .map(stored -> Optional.of(stored.file()))
                .onErrorResume(FileConflictException.class, e -> {
                    LOG.warn(
                            "Registry {} keeps its own {} rather than the copy from upstream {}: {}",
                            registry.name(),
                            file.path(),
                            fetched.upstream(),
                            e.getMessage());
                    return Mono.just(Optional.<FileRecord>empty());
                })
                .map(recorded ->
                        new CachedObject(fetched.upstream(), digest, size, fetched.headers(), recorded.orElse(null)));
    }
}
