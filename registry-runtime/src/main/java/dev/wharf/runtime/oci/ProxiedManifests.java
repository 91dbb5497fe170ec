package dev.wharf.runtime.oci;

import dev.wharf.runtime.metadata.VersionRecord;
import dev.wharf.runtime.proxy.CacheOutcome;
import dev.wharf.runtime.proxy.UpstreamResult;
import dev.wharf.runtime.storage.Digest;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.web.reactive.function.server.ServerRequest;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Manifests pulled through the registry's upstreams: by tag a mutable document (re-checked after the upstream's
 * metadata TTL), by digest immutable (checked against it and kept). A manifest fetched anew is stored and recorded
 * like a pushed one (its version, the blobs it references, its tag, the upstream it came through), so that the
 * management API, cleanup and later pulls by digest see it. A HEAD by digest fetches nothing; a conditional pull by
 * tag whose entity tag names a copy cached within the TTL, of a type the client accepts, asks no upstream.
 */
final class ProxiedManifests {

    /** What a client gets when it sends no {@code Accept}: every manifest type this registry understands. */
    static final List<String> DEFAULT_ACCEPT = List.of(
            ManifestDocument.OCI_INDEX,
            ManifestDocument.OCI_MANIFEST,
            ManifestDocument.DOCKER_LIST,
            ManifestDocument.DOCKER_MANIFEST);

    private static final Logger LOG = LoggerFactory.getLogger(ProxiedManifests.class);

    private final OciUpstreams upstreams;
    private final OciBlobLinks links;
    private final OciManifests manifests;

    ProxiedManifests(OciUpstreams upstreams, OciBlobLinks links, OciManifests manifests) {
        this.upstreams = upstreams;
        this.links = links;
        this.manifests = manifests;
    }

    /**
     * A manifest fetched through the upstreams.
     *
     * @param result how the engine served it; its size is the manifest's length
     * @param bytes its exact bytes; none for a HEAD by digest, which fetches nothing
     * @param version its version, when it is recorded
     */
    @SuppressWarnings("ArrayRecordComponent") // the bytes are never changed, and equality is never asked
    record Fetched(
            UpstreamResult result, byte[] bytes, @Nullable VersionRecord version) {

        /** The digest the upstream gave, byte for byte; the digest of the bytes when it gave none. */
        String contentDigest() {
            String given = result.headers().getFirst(OciHeaders.CONTENT_DIGEST);
            return given == null ? result.digest().toString() : given;
        }
    }

    /**
     * The manifest from the first upstream that has it; empty when none has it. A HEAD by digest gets only what the
     * upstreams answer to a HEAD of it: nothing is fetched or recorded.
     */
    Mono<Fetched> fetch(ServerRequest request, OciRepository repository) {
        String reference = repository.path().reference();
        List<String> accept = request.headers().header(HttpHeaders.ACCEPT);
        if (accept.isEmpty()) {
            accept = DEFAULT_ACCEPT;
        }
        String endpoint = "/manifests/" + reference;
        boolean byDigest = OciNames.isDigest(reference);
        if (byDigest && HttpMethod.HEAD.equals(request.method())) {
            // skopeo inspect and crane digest ask before they pull: the upstreams answer without it being fetched.
            return upstreams
                    .head(repository, endpoint, accept, OciNames.digest(reference))
                    .map(served -> new Fetched(served, new byte[0], null));
        }
        Mono<UpstreamResult> result = byDigest
                ? upstreams.immutable(repository, endpoint, accept, OciNames.digest(reference))
                : upstreams.mutable(repository, endpoint, accept);
        if (!byDigest && !request.headers().header(HttpHeaders.IF_NONE_MATCH).isEmpty()) {
            // A client that has the manifest the tag names, as a copy cached within the TTL says, is answered 304
            // without asking the upstream, whatever Accept list that copy was fetched with.
            List<String> accepted = accept;
            result = upstreams
                    .cached(
                            repository,
                            endpoint,
                            accept,
                            cached -> EntityTags.notModified(request, cached.digest())
                                    && accepts(accepted, cached.contentType()))
                    .switchIfEmpty(result);
        }
        String tag = byDigest ? null : OciNames.tag(reference);
        return result.flatMap(served -> bytes(served.body())
                .flatMap(bytes -> served.cache() == CacheOutcome.MISS
                        ? record(repository, served, bytes, tag)
                                .map(version -> new Fetched(served, bytes, version))
                                .defaultIfEmpty(new Fetched(served, bytes, null))
                        : Mono.just(new Fetched(served, bytes, null))));
    }

    /**
     * Stores the manifest and records it as a version of the repository (with the tag, when pulled by one), linking
     * it as a blob of the repository as a push does; a manifest that cannot be read or recorded is still served.
     */
    private Mono<VersionRecord> record(
            OciRepository repository, UpstreamResult served, byte[] bytes, @Nullable String tag) {
        Digest digest = served.digest();
        return Mono.fromCallable(() -> ManifestDocument.parse(bytes, served.contentType()))
                .flatMap(document -> repository
                        .registry()
                        .store()
                        .put(Flux.just(ManifestPushes.wrap(bytes)), digest, bytes.length)
                        .then(links.link(repository.registryId(), repository.name(), digest, bytes.length))
                        .then(manifests.record(new NewManifest(
                                repository.registryId(),
                                repository.name(),
                                digest,
                                bytes.length,
                                document.mediaType(),
                                document.artifactType(),
                                document.subject() == null
                                        ? null
                                        : document.subject().digest(),
                                document.blobs().stream()
                                        .filter(blob -> !blob.external())
                                        .map(blob -> new NewManifest.Blob(blob.digest(), blob.size(), blob.mediaType()))
                                        .toList(),
                                List.of(),
                                tag,
                                "upstream:" + served.upstream(),
                                served.upstream()))))
                .onErrorResume(e -> {
                    LOG.warn(
                            "Registry {} serves manifest {} of {} from upstream {} without recording it: {}",
                            repository.registry().name(),
                            digest,
                            repository.name(),
                            served.upstream(),
                            e.getMessage());
                    return Mono.empty();
                });
    }

    /** Whether a client that sent {@code accept} takes a manifest of {@code mediaType}. */
    static boolean accepts(List<String> accept, String mediaType) {
        for (String value : accept) {
            for (String range : value.split(",", -1)) {
                String type = range.split(";", 2)[0].strip();
                if (type.equals("*/*") || type.equalsIgnoreCase(mediaType)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Mono<byte[]> bytes(Flux<DataBuffer> body) {
        return DataBufferUtils.join(body, ManifestPushes.MAX_BYTES)
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
                                OciError.UNAVAILABLE,
                                "the upstream's manifest is larger than " + ManifestPushes.MAX_BYTES
                                        + " bytes, the most this registry keeps"));
    }
}
