package dev.wharf.runtime.oci;

import dev.wharf.runtime.metadata.OciBlobLinks;
import dev.wharf.runtime.storage.ByteRange;
import dev.wharf.runtime.storage.Digest;
import dev.wharf.runtime.web.WebMetrics;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * {@code GET}, {@code HEAD} and {@code DELETE /v2/<registry>/<name>/blobs/<digest>}: a blob the repository links,
 * streamed from the store, whole or one byte range; deleting unlinks it from the repository (its bytes stay for other
 * repositories and garbage collection).
 */
final class BlobDownloads {

    private final OciBlobLinks links;
    private final WebMetrics metrics;

    BlobDownloads(OciBlobLinks links, WebMetrics metrics) {
        this.links = links;
        this.metrics = metrics;
    }

    Mono<ServerResponse> get(ServerRequest request, OciRepository repository) {
        Digest digest = OciNames.digest(repository.path().reference());
        return links.find(repository.registryId(), repository.name(), digest)
                .flatMap(linked -> repository.registry().store().size(digest))
                .switchIfEmpty(Mono.error(() -> unknown(repository, digest)))
                .flatMap(size -> serve(request, repository, digest, size));
    }

    private Mono<ServerResponse> serve(ServerRequest request, OciRepository repository, Digest digest, long size) {
        Optional<ByteRange> range = ByteRange.parse(request.headers().firstHeader(HttpHeaders.RANGE), size);
        ServerResponse.BodyBuilder response = ServerResponse.status(
                        range.isPresent() ? HttpStatus.PARTIAL_CONTENT : HttpStatus.OK)
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .contentLength(range.map(r -> r.lengthIn(size)).orElse(size))
                .eTag("\"" + digest + "\"")
                .header(OciHeaders.CONTENT_DIGEST, digest.toString())
                .header(HttpHeaders.ACCEPT_RANGES, "bytes")
                .header(HttpHeaders.CACHE_CONTROL, "max-age=31536000");
        range.ifPresent(r -> response.header(HttpHeaders.CONTENT_RANGE, r.contentRange(size)));
        if (HttpMethod.HEAD.equals(request.method())) {
            return response.build();
        }
        return response.body(BodyInserters.fromDataBuffers(repository
                .registry()
                .store()
                .read(digest, range.orElse(null))
                .doOnNext(buffer -> metrics.bytesOut(repository.registry(), buffer.readableByteCount()))));
    }

    Mono<ServerResponse> delete(OciRepository repository) {
        Digest digest = OciNames.digest(repository.path().reference());
        return links.unlink(repository.registryId(), repository.name(), digest)
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
