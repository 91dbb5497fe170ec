package dev.wharf.runtime.oci;

import dev.wharf.runtime.auth.Principal;
import dev.wharf.runtime.proxy.UpstreamResult;
import dev.wharf.runtime.read.Read;
import dev.wharf.runtime.read.ReadOrigin;
import dev.wharf.runtime.read.ReadPipeline;
import dev.wharf.runtime.read.ReadSubject;
import dev.wharf.runtime.read.Sourced;
import dev.wharf.runtime.storage.Digest;
import dev.wharf.runtime.web.BlobBody;
import dev.wharf.runtime.web.RequestedRanges;
import dev.wharf.runtime.web.ServedRegistry;
import dev.wharf.runtime.web.WebMetrics;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@code GET}, {@code HEAD} and {@code DELETE /v2/<registry>/<name>/blobs/<digest>}: a blob the repository links,
 * streamed from the store, whole or byte ranges ({@link RequestedRanges}); deleting unlinks it from the repository (its bytes stay for other
 * repositories and garbage collection). A registry with upstream proxies pulls a blob it does not have through them:
 * a whole GET gets its bytes as they arrive while they are stored, a range once they are, and a HEAD only what the
 * upstreams answer to a HEAD. A GET or HEAD whose {@code If-None-Match} names the blob's entity tag is answered 304
 * ({@link EntityTags}).
 */
final class BlobDownloads {

    private static final Logger LOG = LoggerFactory.getLogger(BlobDownloads.class);

    private final OciBlobLinks links;
    private final WebMetrics metrics;
    private final OciUpstreams upstreams;
    private final ReadPipeline reads;

    BlobDownloads(OciBlobLinks links, WebMetrics metrics, OciUpstreams upstreams, ReadPipeline reads) {
        this.reads = reads;
        this.links = links;
        this.metrics = metrics;
        this.upstreams = upstreams;
    }

    /**
     * The blob, when the repository links it; in a registry with upstream proxies, else fetched through them (checked
     * against its digest, stored, and linked to the repository, so that it is served from here from then on). A HEAD
     * the repository cannot answer is answered by the upstreams' answers to HEAD requests, fetching nothing.
     */
    Mono<ServerResponse> get(ServerRequest request, OciRepository repository) {
        Digest digest = OciNames.digest(repository.path().reference());
        ServedRegistry registry = repository.registry();
        Read<Blob> read = Read.of(
                        ReadSubject.ofPackage(repository.name()),
                        links.find(repository.registryId(), repository.name(), digest)
                                .flatMap(linked -> registry.store().size(digest))
                                .map(Blob::stored),
                        blob -> ReadOrigin.own(registry.name(), OciUpstreams.proxies(registry)))
                .orUpstream(kept -> proxied(request, repository, digest));
        return reads.read(registry, read)
                .switchIfEmpty(Mono.error(() -> unknown(repository, digest)))
                .flatMap(found -> {
                    UpstreamResult streaming = found.content().streaming();
                    return streaming == null
                            ? serve(request, repository, digest, found.content().size(), found.origin())
                            : streamed(repository, streaming);
                });
    }

    /**
     * A blob found: stored here (the engine stored what it fetched for a range or a second caller), or being
     * streamed from the upstream to this caller as it arrives.
     */
    private record Blob(long size, @Nullable UpstreamResult streaming) {

        static Blob stored(long size) {
            return new Blob(size, null);
        }
    }

    /**
     * The blob through the upstreams. A HEAD is answered by the upstreams' answers to HEAD requests, fetching nothing
     * (docker and containerd ask before they pull); a whole GET gets the bytes as they arrive while they are stored; a
     * range or a conditional GET once they are.
     */
    private Mono<Sourced<Blob>> proxied(ServerRequest request, OciRepository repository, Digest digest) {
        if (HttpMethod.HEAD.equals(request.method())) {
            return upstreams
                    .head(repository, "/blobs/" + digest, List.of(), digest)
                    .map(result -> new Sourced<>(Blob.stored(result.size()), ReadOrigin.of(result)));
        }
        if (request.headers().firstHeader(HttpHeaders.RANGE) == null && !EntityTags.notModified(request, digest)) {
            return upstreams.stream(repository, "/blobs/" + digest, digest)
                    .map(result -> new Sourced<>(new Blob(result.size(), result), ReadOrigin.of(result)));
        }
        return upstreams
                .immutable(repository, "/blobs/" + digest, List.of(), digest)
                .flatMap(result -> link(repository, digest, result)
                        .thenReturn(new Sourced<>(Blob.stored(result.size()), ReadOrigin.of(result))));
    }

    /**
     * The whole blob as the engine gives it: as it arrives from the upstream when this request's miss fetched it (the
     * body ends once it is verified and stored, and breaks off when it does not match its digest), else from the
     * store. It is linked to the repository once it has all been sent; a client that leaves early leaves the link to
     * the next request, which finds the blob the engine went on to store.
     */
    private Mono<ServerResponse> streamed(OciRepository repository, UpstreamResult result) {
        Digest digest = result.digest();
        Flux<DataBuffer> body = result.body()
                .doOnNext(buffer -> metrics.bytesOut(repository.registry(), buffer.readableByteCount()))
                .concatWith(link(repository, digest, result).then(Mono.empty()));
        return ServerResponse.ok()
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .contentLength(result.size())
                .eTag(EntityTags.of(digest))
                .header(OciHeaders.CONTENT_DIGEST, digest.toString())
                .header(HttpHeaders.ACCEPT_RANGES, "bytes")
                .header(HttpHeaders.CACHE_CONTROL, "max-age=31536000")
                .headers(ReadOrigin.of(result)::describe)
                .body(BodyInserters.fromDataBuffers(body));
    }

    private Mono<Void> link(OciRepository repository, Digest digest, UpstreamResult result) {
        return links.link(repository.registryId(), repository.name(), digest, result.size())
                .onErrorResume(e -> {
                    LOG.warn(
                            "Registry {} serves blob {} of {} from upstream {} without linking it: {}",
                            repository.registry().name(),
                            digest,
                            repository.name(),
                            result.upstream(),
                            e.getMessage());
                    return Mono.empty();
                });
    }

    private Mono<ServerResponse> serve(
            ServerRequest request, OciRepository repository, Digest digest, long size, ReadOrigin origin) {
        if (EntityTags.notModified(request, digest)) {
            return ServerResponse.status(HttpStatus.NOT_MODIFIED)
                    .eTag(EntityTags.of(digest))
                    .header(OciHeaders.CONTENT_DIGEST, digest.toString())
                    .header(HttpHeaders.CACHE_CONTROL, "max-age=31536000")
                    .headers(origin::describe)
                    .build();
        }
        RequestedRanges ranges = RequestedRanges.parse(request.headers().firstHeader(HttpHeaders.RANGE), size);
        BlobBody body = BlobBody.of(repository.registry(), digest, ranges, MediaType.APPLICATION_OCTET_STREAM);
        ServerResponse.BodyBuilder response = ServerResponse.status(body.status())
                .headers(body::describe)
                .eTag(EntityTags.of(digest))
                .header(OciHeaders.CONTENT_DIGEST, digest.toString())
                .header(HttpHeaders.ACCEPT_RANGES, "bytes")
                .header(HttpHeaders.CACHE_CONTROL, "max-age=31536000")
                .headers(origin::describe);
        if (HttpMethod.HEAD.equals(request.method())) {
            return response.build();
        }
        return response.body(body.inserter(metrics));
    }

    /** Unlinks the blob from the repository, recorded in the audit trail as done by {@code principal}. */
    Mono<ServerResponse> delete(OciRepository repository, Principal principal) {
        Digest digest = OciNames.digest(repository.path().reference());
        return links.unlink(repository.registryId(), repository.name(), digest, principal.toString())
                .flatMap(deleted ->
                        deleted ? ServerResponse.accepted().build() : Mono.error(unknown(repository, digest)));
    }

    static OciException unknown(OciRepository repository, Digest digest) {
        return new OciException(
                OciError.BLOB_UNKNOWN,
                "repository " + repository.path().fullName() + " has no blob " + digest
                        + "; upload it (POST " + repository.base() + "/blobs/uploads/) or mount it from another"
                        + " repository",
                OciErrors.digestDetail(digest));
    }
}
