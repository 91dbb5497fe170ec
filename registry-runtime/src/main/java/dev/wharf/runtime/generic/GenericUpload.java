package dev.wharf.runtime.generic;

import dev.wharf.runtime.auth.Principal;
import dev.wharf.runtime.metadata.FileConflictException;
import dev.wharf.runtime.metadata.Files;
import dev.wharf.runtime.metadata.NewFile;
import dev.wharf.runtime.metadata.Packages;
import dev.wharf.runtime.metadata.StoredFile;
import dev.wharf.runtime.metadata.Versions;
import dev.wharf.runtime.read.FileResponses;
import dev.wharf.runtime.storage.Digest;
import dev.wharf.runtime.storage.StoredBlob;
import dev.wharf.runtime.web.RequestRefusedException;
import dev.wharf.runtime.web.ServedRegistry;
import dev.wharf.runtime.web.WebMetrics;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.MediaTypeFactory;
import org.springframework.web.reactive.function.BodyExtractors;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * {@code PUT /generic/<registry>/<package>/<version>/<file path>}: streams the body into the registry's blob store,
 * verifying the sha256 the client announced ({@code X-Checksum-Sha256} header or {@code ?sha256=} parameter), then
 * records the file. Answers 201 for a new file, 200 when the same content was already there or replaced other
 * content, 409 when the version holds other content at that path and the registry does not allow overwrite (checked
 * before the body is read, and again when recording, for a concurrent push).
 */
final class GenericUpload {

    private final Packages packages;
    private final Versions versions;
    private final Files files;
    private final WebMetrics metrics;

    GenericUpload(Packages packages, Versions versions, Files files, WebMetrics metrics) {
        this.packages = packages;
        this.versions = versions;
        this.files = files;
        this.metrics = metrics;
    }

    /** The upload of {@code request} into the registry, by {@code principal}, whom the core authorized to write. */
    Mono<ServerResponse> handle(ServerRequest request, ServedRegistry registry, Principal principal) {
        GenericPath path = GenericPath.of(request).requireFile();
        return Mono.defer(() -> {
            long declared = request.headers().contentLength().orElse(-1);
            if (declared > registry.maxUploadBytes()) {
                return Mono.error(new RequestRefusedException(
                        HttpStatus.CONTENT_TOO_LARGE,
                        "Upload too large",
                        "the upload has " + declared + " bytes; registry '" + registry.name() + "' accepts at most "
                                + registry.maxUploadBytes() + " (spec.maxUploadSize)"));
            }
            Digest expected = expectedDigest(request);
            return existingDigest(registry, path)
                    .flatMap(existing -> refuseEarly(registry, path, existing, expected))
                    .switchIfEmpty(Mono.defer(() -> store(request, registry, path, expected, principal)));
        });
    }

    /** Refuses before reading the body when the result is already known; empty to go on with the upload. */
    private Mono<ServerResponse> refuseEarly(
            ServedRegistry registry, GenericPath path, Digest existing, @Nullable Digest expected) {
        if (existing.equals(expected)) {
            return created(path, existing, HttpStatus.OK, StoredFile.Outcome.UNCHANGED);
        }
        if (!registry.allowOverwrite() && expected != null) {
            return Mono.error(new FileConflictException(path.packageName(), path.version(), path.filePath(), existing));
        }
        return Mono.empty();
    }

    private Mono<ServerResponse> store(
            ServerRequest request,
            ServedRegistry registry,
            GenericPath path,
            @Nullable Digest expected,
            Principal principal) {
        String contentType = contentType(request, path.filePath());
        return registry.store()
                .put(
                        request.body(BodyExtractors.toDataBuffers())
                                .doOnNext(buffer -> metrics.bytesIn(registry, buffer.readableByteCount())),
                        expected,
                        registry.maxUploadBytes())
                .flatMap(blob -> files.record(newFile(registry, path, blob, contentType, principal)))
                .flatMap(stored -> created(
                        path,
                        stored.file().digest(),
                        stored.outcome() == StoredFile.Outcome.CREATED ? HttpStatus.CREATED : HttpStatus.OK,
                        stored.outcome()));
    }

    private static NewFile newFile(
            ServedRegistry registry, GenericPath path, StoredBlob blob, String contentType, Principal principal) {
        return new NewFile(
                registry.id(),
                path.packageName(),
                path.version(),
                path.filePath(),
                blob.digest(),
                blob.size(),
                contentType,
                principal.toString(),
                null,
                registry.allowOverwrite() ? NewFile.Overwrite.REPLACE : NewFile.Overwrite.REFUSE);
    }

    private Mono<Digest> existingDigest(ServedRegistry registry, GenericPath path) {
        return packages.find(registry.id(), path.packageName())
                .flatMap(pkg -> versions.find(pkg.id(), path.version()))
                .flatMap(version -> files.find(version.id(), path.filePath()))
                .map(file -> file.digest());
    }

    private static Mono<ServerResponse> created(
            GenericPath path, Digest digest, HttpStatus status, StoredFile.Outcome outcome) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("package", path.packageName());
        body.put("version", path.version());
        body.put("path", path.filePath());
        body.put("sha256", digest.hex());
        body.put("outcome", outcome.name().toLowerCase(java.util.Locale.ROOT));
        return ServerResponse.status(status)
                .location(URI.create(path.url()))
                .header(FileResponses.CHECKSUM_HEADER, digest.hex())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body);
    }

    /** The sha256 the client announced, in hex or as {@code sha256:<hex>}; null when it announced none. */
    static @Nullable Digest expectedDigest(ServerRequest request) {
        String header = request.headers().firstHeader(FileResponses.CHECKSUM_HEADER);
        Optional<String> parameter = request.queryParam("sha256");
        if (header != null && parameter.isPresent() && !header.equals(parameter.get())) {
            throw RequestRefusedException.badRequest(
                    "the " + FileResponses.CHECKSUM_HEADER + " header and the sha256 parameter differ; send one");
        }
        String value = header != null ? header : parameter.orElse(null);
        if (value == null) {
            return null;
        }
        try {
            return Digest.parse(value.contains(":") ? value : Digest.SHA256 + ":" + value);
        } catch (IllegalArgumentException e) {
            throw RequestRefusedException.badRequest(e.getMessage() + " (in the announced sha256)");
        }
    }

    private static String contentType(ServerRequest request, String filePath) {
        return request.headers()
                .contentType()
                .filter(type -> !type.equals(MediaType.APPLICATION_FORM_URLENCODED))
                .or(() -> MediaTypeFactory.getMediaType(filePath))
                .orElse(MediaType.APPLICATION_OCTET_STREAM)
                .toString();
    }
}
