package dev.wharf.runtime.oci;

import dev.wharf.runtime.storage.Digest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * {@code GET /v2/<registry>/<name>/referrers/<digest>}: an image index listing the repository's manifests whose
 * subject is the digest, with their artifact types and annotations, filtered by {@code ?artifactType=} when asked
 * ({@code OCI-Filters-Applied: artifactType}). A subject without referrers, or not pushed at all, gets an empty index.
 */
final class Referrers {

    private final OciManifests manifests;

    Referrers(OciManifests manifests) {
        this.manifests = manifests;
    }

    Mono<ServerResponse> list(ServerRequest request, OciRepository repository) {
        Digest subject = OciNames.digest(repository.path().reference());
        Optional<String> artifactType = request.queryParam("artifactType");
        return manifests
                .referrers(repository.registryId(), repository.name(), subject)
                .filter(referrer -> artifactType.isEmpty() || artifactType.get().equals(referrer.artifactType()))
                .concatMap(referrer ->
                        annotations(repository, referrer).map(annotations -> descriptor(referrer, annotations)))
                .collectList()
                .flatMap(descriptors -> {
                    ServerResponse.BodyBuilder response =
                            ServerResponse.ok().contentType(MediaType.parseMediaType(ManifestDocument.OCI_INDEX));
                    if (artifactType.isPresent()) {
                        response.header(OciHeaders.FILTERS_APPLIED, "artifactType");
                    }
                    return response.bodyValue(index(descriptors));
                });
    }

    /** The annotations of the referrer's manifest, read from its stored bytes. */
    private static Mono<Map<String, String>> annotations(OciRepository repository, OciReferrer referrer) {
        return DataBufferUtils.join(
                        repository.registry().store().read(referrer.digest(), null), ManifestPushes.MAX_BYTES)
                .map(buffer -> {
                    try {
                        byte[] bytes = new byte[buffer.readableByteCount()];
                        buffer.read(bytes);
                        return ManifestDocument.parse(bytes, referrer.mediaType())
                                .annotations();
                    } finally {
                        DataBufferUtils.release(buffer);
                    }
                });
    }

    private static Map<String, Object> descriptor(OciReferrer referrer, Map<String, String> annotations) {
        Map<String, Object> descriptor = new LinkedHashMap<>();
        descriptor.put("mediaType", referrer.mediaType());
        descriptor.put("digest", referrer.digest().toString());
        descriptor.put("size", referrer.sizeBytes());
        if (referrer.artifactType() != null) {
            descriptor.put("artifactType", referrer.artifactType());
        }
        if (!annotations.isEmpty()) {
            descriptor.put("annotations", annotations);
        }
        return descriptor;
    }

    static Map<String, Object> index(List<Map<String, Object>> descriptors) {
        Map<String, Object> index = new LinkedHashMap<>();
        index.put("schemaVersion", 2);
        index.put("mediaType", ManifestDocument.OCI_INDEX);
        index.put("manifests", descriptors);
        return index;
    }
}
