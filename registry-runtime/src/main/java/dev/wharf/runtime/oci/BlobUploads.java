package dev.wharf.runtime.oci;

import dev.wharf.runtime.storage.BlobStore;
import dev.wharf.runtime.storage.Digest;
import dev.wharf.runtime.storage.DigestMismatchException;
import dev.wharf.runtime.storage.StoredBlob;
import dev.wharf.runtime.web.WebMetrics;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.BodyExtractors;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Blob uploads under {@code /v2/<registry>/<name>/blobs/uploads/}: a POST starts a session (or uploads a whole blob
 * with {@code ?digest=}, or mounts one with {@code ?mount=&from=} where {@link BlobMounts} allows); PATCH appends a
 * chunk, in order; PUT with {@code ?digest=} appends the last chunk and completes; GET tells how far it got; DELETE
 * cancels.
 *
 * <p>Every chunk is stored as a blob of its own and listed in the session's database row, so a session survives a
 * restart of the runtime. A single chunk whose digest is the announced one becomes the blob as it is; several are
 * read back in order into the final blob, whose digest is verified before it becomes visible.
 */
final class BlobUploads {

    /** The chunk size clients are asked to send at least (except the last), advertised on POST. */
    static final long CHUNK_MIN_LENGTH = 1L << 20;

    private final OciUploads uploads;
    private final OciBlobLinks links;
    private final BlobMounts mounts;
    private final WebMetrics metrics;

    BlobUploads(OciUploads uploads, OciBlobLinks links, BlobMounts mounts, WebMetrics metrics) {
        this.uploads = uploads;
        this.links = links;
        this.mounts = mounts;
        this.metrics = metrics;
    }

    /** POST: a mount, a monolithic upload, or a new session. */
    Mono<ServerResponse> start(ServerRequest request, OciRepository repository) {
        Optional<String> mount = request.queryParam("mount");
        if (mount.isPresent()) {
            Digest digest = OciNames.digest(mount.get());
            return mounts.mountable(request, repository, digest)
                    .flatMap(size -> links.link(repository.registryId(), repository.name(), digest, size)
                            .then(created(repository, digest)))
                    .switchIfEmpty(Mono.defer(() -> session(repository)));
        }
        Optional<String> digest = request.queryParam("digest");
        if (digest.isPresent()) {
            Digest expected = OciNames.digest(digest.get());
            return store(request, repository, expected, 0).flatMap(blob -> complete(repository, expected, blob.size()));
        }
        return session(repository);
    }

    private Mono<ServerResponse> session(OciRepository repository) {
        String id = UUID.randomUUID().toString();
        return uploads.create(id, repository.registryId(), repository.name())
                .flatMap(session -> progress(ServerResponse.accepted(), repository, session)
                        .header(OciHeaders.CHUNK_MIN_LENGTH, String.valueOf(CHUNK_MIN_LENGTH))
                        .build());
    }

    /** GET: how many bytes the session holds. */
    Mono<ServerResponse> status(OciRepository repository) {
        return session(repository, repository.path().reference())
                .flatMap(session -> progress(ServerResponse.status(HttpStatus.NO_CONTENT), repository, session)
                        .build());
    }

    /** PATCH: appends a chunk at the end of what the session holds. */
    Mono<ServerResponse> append(ServerRequest request, OciRepository repository) {
        return session(repository, repository.path().reference())
                .flatMap(session -> appendBody(request, repository, session))
                .flatMap(session ->
                        progress(ServerResponse.accepted(), repository, session).build());
    }

    /** PUT: appends the last chunk, if any, and completes the blob, which must have the announced digest. */
    Mono<ServerResponse> finish(ServerRequest request, OciRepository repository) {
        Optional<String> digest = request.queryParam("digest");
        if (digest.isEmpty()) {
            return Mono.error(new OciException(
                    OciError.DIGEST_INVALID,
                    "the upload is only complete with its digest: PUT " + repository.base() + "/blobs/uploads/"
                            + repository.path().reference() + "?digest=sha256:<hex>"));
        }
        Digest expected = OciNames.digest(digest.get());
        return session(repository, repository.path().reference()).flatMap(session -> {
            if (session.sizeBytes() == 0) {
                return store(request, repository, expected, 0)
                        .flatMap(
                                blob -> uploads.delete(session.id()).then(complete(repository, expected, blob.size())));
            }
            return appendBody(request, repository, session)
                    .flatMap(grown -> uploads.chunks(session.id()).collectList())
                    .flatMap(chunks -> assemble(repository, chunks, expected))
                    .flatMap(blob -> uploads.delete(session.id()).then(complete(repository, expected, blob.size())));
        });
    }

    /** DELETE: cancels the session. */
    Mono<ServerResponse> cancel(OciRepository repository) {
        return session(repository, repository.path().reference())
                .flatMap(session -> uploads.delete(session.id()))
                .then(ServerResponse.noContent().build());
    }

    private Mono<OciUploadRecord> session(OciRepository repository, String id) {
        return uploads.find(id)
                .filter(session -> session.registryId() == repository.registryId()
                        && session.repository().equals(repository.name()))
                .switchIfEmpty(Mono.error(() -> new OciException(
                        OciError.BLOB_UPLOAD_UNKNOWN,
                        "repository " + repository.path().fullName() + " has no upload '" + OciNames.printable(id)
                                + "' in progress (it finished, was cancelled, or never started); start again with"
                                + " POST " + repository.base() + "/blobs/uploads/")));
    }

    /** Stores the request body as the session's next chunk; the session as it is afterwards. */
    private Mono<OciUploadRecord> appendBody(ServerRequest request, OciRepository repository, OciUploadRecord session) {
        ContentRange range = ContentRange.parse(request.headers().firstHeader("Content-Range"));
        if (range != null && range.start() != session.sizeBytes()) {
            return Mono.error(outOfOrder(repository, session, range.start()));
        }
        return store(request, repository, null, session.sizeBytes()).flatMap(chunk -> {
            if (range != null && range.length() != chunk.size()) {
                return Mono.error(new OciException(
                        OciError.SIZE_INVALID,
                        "the Content-Range " + range.start() + "-" + range.end() + " announces " + range.length()
                                + " bytes, but the chunk has " + chunk.size()));
            }
            if (chunk.size() == 0) {
                return Mono.just(session);
            }
            return uploads.append(session.id(), session.sizeBytes(), chunk.digest(), chunk.size())
                    .flatMap(appended -> appended
                            ? Mono.just(new OciUploadRecord(
                                    session.id(),
                                    session.registryId(),
                                    session.repository(),
                                    session.sizeBytes() + chunk.size(),
                                    session.createdAt(),
                                    session.updatedAt()))
                            : Mono.error(outOfOrder(repository, session, session.sizeBytes())));
        });
    }

    /** The blob of the chunks: the one chunk itself when it has the digest, else the chunks read back in order. */
    private Mono<StoredBlob> assemble(OciRepository repository, List<OciUploadChunk> chunks, Digest expected) {
        BlobStore store = repository.registry().store();
        if (chunks.size() == 1) {
            OciUploadChunk only = chunks.get(0);
            if (!only.digest().equals(expected)) {
                return Mono.error(new DigestMismatchException(only.digest(), expected));
            }
            return Mono.just(new StoredBlob(only.digest(), only.sizeBytes(), false));
        }
        Flux<DataBuffer> content = Flux.fromIterable(chunks).concatMap(chunk -> store.read(chunk.digest(), null));
        return store.put(content, expected, repository.registry().maxUploadBytes());
    }

    /**
     * Stores the request body as a blob, when it fits in what the registry's limit leaves after the {@code held} bytes
     * the upload holds already. A {@code Content-Length} beyond that is refused before the body is asked for, so a
     * client that sent {@code Expect: 100-continue} gets the 413 instead of {@code 100 Continue}; a body without one
     * is cut off as it passes the limit.
     */
    private Mono<StoredBlob> store(
            ServerRequest request, OciRepository repository, @Nullable Digest expected, long held) {
        long limit = repository.registry().maxUploadBytes();
        long declared = request.headers().contentLength().orElse(-1);
        if (declared > limit - held) {
            return Mono.error(new OciException(
                    OciError.SIZE_INVALID,
                    HttpStatus.CONTENT_TOO_LARGE,
                    "the request announces " + declared + " bytes (Content-Length), but registry '"
                            + repository.registry().name() + "' accepts blobs of at most " + limit
                            + " bytes (spec.maxUploadSize)"
                            + (held > 0 ? ", and this upload holds " + held + " already" : ""),
                    null));
        }
        return repository
                .registry()
                .store()
                .put(
                        request.body(BodyExtractors.toDataBuffers())
                                .doOnNext(buffer -> metrics.bytesIn(repository.registry(), buffer.readableByteCount())),
                        expected,
                        limit - held);
    }

    private Mono<ServerResponse> complete(OciRepository repository, Digest digest, long size) {
        return links.link(repository.registryId(), repository.name(), digest, size)
                .then(created(repository, digest));
    }

    private static Mono<ServerResponse> created(OciRepository repository, Digest digest) {
        return ServerResponse.created(URI.create(repository.base() + "/blobs/" + digest))
                .header(OciHeaders.CONTENT_DIGEST, digest.toString())
                .build();
    }

    private static ServerResponse.BodyBuilder progress(
            ServerResponse.BodyBuilder response, OciRepository repository, OciUploadRecord session) {
        return response.location(URI.create(repository.base() + "/blobs/uploads/" + session.id()))
                .header(HttpHeaders.RANGE, ContentRange.uploaded(session.sizeBytes()))
                .header(OciHeaders.UPLOAD_UUID, session.id())
                .header(OciHeaders.UPLOAD_SESSION, session.id())
                .contentLength(0);
    }

    private static OciException outOfOrder(OciRepository repository, OciUploadRecord session, long start) {
        return new UploadRangeException(
                "the chunk starts at byte " + start + ", but upload " + session.id() + " holds " + session.sizeBytes()
                        + " bytes: send the next chunk from byte " + session.sizeBytes(),
                repository.base() + "/blobs/uploads/" + session.id(),
                session.sizeBytes());
    }

    /** A chunk out of order: 416 with the upload's {@code Location} and {@code Range}, so the client can resume. */
    static final class UploadRangeException extends OciException {

        private static final long serialVersionUID = 1L;

        private final String location;
        private final long size;

        UploadRangeException(String message, String location, long size) {
            super(OciError.RANGE_INVALID, HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE, message, null);
            this.location = location;
            this.size = size;
        }

        String location() {
            return location;
        }

        String range() {
            return ContentRange.uploaded(size);
        }
    }
}
