package dev.wharf.runtime.oci;

import dev.wharf.runtime.auth.Principal;
import dev.wharf.runtime.metadata.PackageRecord;
import dev.wharf.runtime.metadata.Packages;
import dev.wharf.runtime.metadata.Versions;
import dev.wharf.runtime.storage.Digest;
import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.BodyExtractors;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@code PUT /v2/<registry>/<name>/manifests/<reference>}: reads the manifest (at most {@value #MAX_BYTES} bytes),
 * hashes its exact bytes, checks that every blob it references is in the repository and every manifest it lists is a
 * manifest of the repository (else MANIFEST_BLOB_UNKNOWN), stores the bytes and records the version, with the tag
 * when the reference is one; where the Registry does not allow overwrite, the tag cannot move ({@link ImmutableTags}).
 */
final class ManifestPushes {

    /** The largest manifest accepted, as the distribution spec suggests. */
    static final int MAX_BYTES = 4 << 20;

    private final OciBlobLinks links;
    private final OciManifests manifests;
    private final Packages packages;
    private final Versions versions;
    private final ImmutableTags immutableTags;

    ManifestPushes(
            OciBlobLinks links,
            OciManifests manifests,
            Packages packages,
            Versions versions,
            ImmutableTags immutableTags) {
        this.links = links;
        this.manifests = manifests;
        this.packages = packages;
        this.versions = versions;
        this.immutableTags = immutableTags;
    }

    Mono<ServerResponse> push(ServerRequest request, OciRepository repository, Principal principal) {
        String reference = repository.path().reference();
        boolean byDigest = OciNames.isDigest(reference);
        Digest announced = byDigest ? OciNames.digest(reference) : null;
        String tag = byDigest ? null : OciNames.tag(reference);
        String contentType = request.headers().firstHeader(HttpHeaders.CONTENT_TYPE);
        return bytes(request).flatMap(bytes -> {
            Digest digest = sha256(bytes);
            if (announced != null && !announced.equals(digest)) {
                return Mono.error(new OciException(
                        OciError.DIGEST_INVALID,
                        "the manifest's bytes have digest " + digest + ", but it was pushed as " + announced,
                        OciErrors.digestDetail(announced)));
            }
            ManifestDocument document = ManifestDocument.parse(bytes, contentType);
            return immutableTags
                    .checkPush(repository, tag, digest)
                    .then(children(repository, document))
                    .zipWith(blobs(repository, document))
                    .flatMap(references -> repository
                            .registry()
                            .store()
                            .put(Flux.just(wrap(bytes)), digest, bytes.length)
                            // Like the Docker registry, a manifest can be read as a blob of its repository too.
                            .then(links.link(repository.registryId(), repository.name(), digest, bytes.length))
                            .then(manifests.record(
                                    new NewManifest(
                                            repository.registryId(),
                                            repository.name(),
                                            digest,
                                            bytes.length,
                                            document.mediaType(),
                                            document.artifactType(),
                                            document.subject() == null
                                                    ? null
                                                    : document.subject().digest(),
                                            references.getT2(),
                                            references.getT1(),
                                            tag,
                                            principal.toString(),
                                            null),
                                    ImmutableTags.mayMove(repository))))
                    .onErrorMap(
                            OciManifests.TagImmutableException.class,
                            e -> ImmutableTags.refused(repository, e.tag(), e.current(), "push it under a new tag"))
                    .then(created(repository, digest, document));
        });
    }

    /**
     * The manifest's bytes; a {@code Content-Length} above the limit is refused before the body is asked for, so a
     * client that sent {@code Expect: 100-continue} gets the 413 instead of {@code 100 Continue}.
     */
    private static Mono<byte[]> bytes(ServerRequest request) {
        long declared = request.headers().contentLength().orElse(-1);
        if (declared > MAX_BYTES) {
            return Mono.error(new OciException(
                    OciError.SIZE_INVALID,
                    HttpStatus.CONTENT_TOO_LARGE,
                    "the request announces " + declared + " bytes (Content-Length), but a manifest may have at most "
                            + MAX_BYTES,
                    null));
        }
        return DataBufferUtils.join(request.body(BodyExtractors.toDataBuffers()), MAX_BYTES)
                .map(buffer -> {
                    try {
                        byte[] bytes = new byte[buffer.readableByteCount()];
                        buffer.read(bytes);
                        return bytes;
                    } finally {
                        DataBufferUtils.release(buffer);
                    }
                })
                .defaultIfEmpty(new byte[0])
                .onErrorMap(
                        DataBufferLimitException.class,
                        e -> new OciException(
                                OciError.SIZE_INVALID,
                                HttpStatus.CONTENT_TOO_LARGE,
                                "the manifest is larger than " + MAX_BYTES + " bytes, the most this registry accepts",
                                null));
    }

    /**
     * The manifests an index lists, each of which must be a manifest of the repository, with their sizes as stored;
     * MANIFEST_BLOB_UNKNOWN for one that is not.
     */
    private Mono<List<NewManifest.Blob>> children(OciRepository repository, ManifestDocument document) {
        if (document.manifests().isEmpty()) {
            return Mono.just(List.of());
        }
        return packages.find(repository.registryId(), repository.name())
                .map(PackageRecord::id)
                .defaultIfEmpty(-1L)
                .flatMapMany(packageId -> Flux.fromIterable(document.manifests())
                        .concatMap(child -> (packageId < 0
                                        ? Mono.<NewManifest.Blob>empty()
                                        : versions.find(
                                                        packageId,
                                                        child.digest().toString())
                                                .flatMap(found -> links.find(
                                                                repository.registryId(),
                                                                repository.name(),
                                                                child.digest())
                                                        .defaultIfEmpty(child.size())
                                                        .map(size -> new NewManifest.Blob(
                                                                child.digest(), size, child.mediaType()))))
                                .switchIfEmpty(Mono.error(() -> unknown(repository, child, "manifest")))))
                .collectList();
    }

    /** The blobs the manifest references, with their stored sizes; MANIFEST_BLOB_UNKNOWN for one not in the repository. */
    private Mono<List<NewManifest.Blob>> blobs(OciRepository repository, ManifestDocument document) {
        return Flux.fromIterable(document.blobs())
                .filter(blob -> !blob.external())
                .concatMap(blob -> links.find(repository.registryId(), repository.name(), blob.digest())
                        // A link outlives bytes garbage collection removed; the store has the last word.
                        .filterWhen(size -> repository.registry().store().exists(blob.digest()))
                        .map(size -> new NewManifest.Blob(blob.digest(), size, blob.mediaType()))
                        .switchIfEmpty(Mono.error(() -> unknown(repository, blob, "blob"))))
                .collectList();
    }

    private static OciException unknown(OciRepository repository, Descriptor missing, String kind) {
        return new OciException(
                OciError.MANIFEST_BLOB_UNKNOWN,
                "the manifest references " + kind + " " + missing.digest() + " (" + missing.mediaType()
                        + "), which repository " + repository.path().fullName() + " does not have; push the " + kind
                        + " first",
                OciErrors.digestDetail(missing.digest()));
    }

    private static Mono<ServerResponse> created(OciRepository repository, Digest digest, ManifestDocument document) {
        ServerResponse.BodyBuilder response = ServerResponse.created(
                        URI.create(repository.base() + "/manifests/" + digest))
                .header(OciHeaders.CONTENT_DIGEST, digest.toString());
        Descriptor subject = document.subject();
        if (subject != null) {
            response.header(OciHeaders.SUBJECT, subject.digest().toString());
        }
        return response.build();
    }

    static Digest sha256(byte[] bytes) {
        try {
            return Digest.sha256(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    static DataBuffer wrap(byte[] bytes) {
        return DefaultDataBufferFactory.sharedInstance.wrap(bytes);
    }
}
