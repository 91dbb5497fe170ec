package dev.wharf.runtime.maven;

import dev.wharf.runtime.auth.Principal;
import dev.wharf.runtime.metadata.VersionedFile;
import dev.wharf.runtime.proxy.UpstreamFailureException;
import dev.wharf.runtime.read.FileResponses;
import dev.wharf.runtime.read.Read;
import dev.wharf.runtime.read.ReadOrigin;
import dev.wharf.runtime.read.ReadPipeline;
import dev.wharf.runtime.read.ReadSubject;
import dev.wharf.runtime.read.Sourced;
import dev.wharf.runtime.web.RequestRefusedException;
import dev.wharf.runtime.web.ServedRegistry;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * {@code GET} and {@code HEAD} under {@code /maven/<registry>/}: a stored file (a {@code -SNAPSHOT} file name resolved to
 * the newest timestamped build), from the registry's own content or else its upstreams through the read pipeline; a
 * {@code maven-metadata.xml} generated from what is stored ({@link MavenDocuments}); and the {@code .md5},
 * {@code .sha1}, {@code .sha256} and {@code .sha512} of either, computed from the bytes served.
 */
final class MavenDownload {

    private final StoredFiles storedFiles;
    private final FileResponses responses;
    private final ReadPipeline reads;
    private final MavenChecksums checksums;
    private final MavenDocuments documents;
    private final MavenUpstreams upstreams;

    MavenDownload(
            StoredFiles storedFiles,
            FileResponses responses,
            ReadPipeline reads,
            MavenChecksums checksums,
            MavenDocuments documents,
            MavenUpstreams upstreams) {
        this.storedFiles = storedFiles;
        this.responses = responses;
        this.reads = reads;
        this.checksums = checksums;
        this.documents = documents;
        this.upstreams = upstreams;
    }

    /** The answer to a GET or HEAD, by {@code principal}, whom the core authorized to read. */
    Mono<ServerResponse> handle(ServerRequest request, ServedRegistry registry, Principal principal) {
        MavenPath path = MavenPath.of(request);
        ChecksumAlgorithm algorithm = path.checksum();
        MavenPath target = path.withoutChecksum();
        Mono<ServerResponse> response;
        if (target.metadata()) {
            response = documents
                    .read(registry, target)
                    .switchIfEmpty(Mono.error(() -> notFound(registry, path)))
                    .flatMap(document -> algorithm == null
                            ? document(request, document)
                            : checksum(request, Checksums.of(document.content()).get(algorithm), document.origin()));
        } else {
            MavenPath.ArtifactFile file = target.file();
            response = find(registry, file)
                    .switchIfEmpty(Mono.error(() -> notFound(registry, path)))
                    .flatMap(found -> algorithm == null
                            ? responses.serve(
                                    request,
                                    registry,
                                    new Sourced<>(found.content().file(), found.origin()))
                            : checksums
                                    .of(registry, found.content().file().digest())
                                    .flatMap(sums -> checksum(request, sums.get(algorithm), found.origin())));
        }
        return response.onErrorMap(UpstreamFailureException.class, MavenDownload::unavailable);
    }

    /** The file, from the registry's own content or else from its upstreams. */
    private Mono<Sourced<VersionedFile>> find(ServedRegistry registry, MavenPath.ArtifactFile file) {
        Mono<MavenPath.ArtifactFile> resolved = file.snapshot() && file.build() == null
                ? documents
                        .newestBuild(registry, file)
                        .map(name -> file.renamed(registry.name(), name))
                        .defaultIfEmpty(file)
                : Mono.just(file);
        return resolved.flatMap(actual -> {
            String packageName = actual.coordinates().packageName();
            Read<VersionedFile> read = Read.of(
                            ReadSubject.ofVersion(packageName, actual.version()),
                            storedFiles.byVersion(registry.id(), packageName, actual.version(), actual.name()),
                            found -> ReadOrigin.of(registry, found.version()))
                    .orUpstream(kept -> upstreams.file(registry, actual));
            return reads.read(registry, read);
        });
    }

    private static Mono<ServerResponse> document(ServerRequest request, Sourced<byte[]> document) {
        byte[] bytes = document.content();
        String etag = "\"" + Checksums.of(bytes).sha256() + "\"";
        if (request.headers().header(HttpHeaders.IF_NONE_MATCH).contains(etag)) {
            return ServerResponse.status(HttpStatus.NOT_MODIFIED)
                    .eTag(etag)
                    .headers(document.origin()::describe)
                    .build();
        }
        ServerResponse.BodyBuilder response = ServerResponse.ok()
                .contentType(MediaType.APPLICATION_XML)
                .contentLength(bytes.length)
                .eTag(etag)
                .header(HttpHeaders.CACHE_CONTROL, "no-cache")
                .headers(document.origin()::describe);
        return HttpMethod.HEAD.equals(request.method()) ? response.build() : response.bodyValue(bytes);
    }

    private static Mono<ServerResponse> checksum(ServerRequest request, String hex, ReadOrigin origin) {
        byte[] bytes = hex.getBytes(StandardCharsets.US_ASCII);
        ServerResponse.BodyBuilder response = ServerResponse.ok()
                .contentType(MediaType.TEXT_PLAIN)
                .contentLength(bytes.length)
                .headers(origin::describe);
        return HttpMethod.HEAD.equals(request.method()) ? response.build() : response.bodyValue(bytes);
    }

    private static RequestRefusedException notFound(ServedRegistry registry, MavenPath path) {
        return RequestRefusedException.notFound("registry '" + registry.name() + "' has nothing at "
                + path.relative().substring(1));
    }

    private static RequestRefusedException unavailable(UpstreamFailureException failure) {
        return new RequestRefusedException(
                HttpStatus.BAD_GATEWAY,
                "No upstream could answer",
                "it is not stored here and no upstream proxy could serve it: " + failure.getMessage());
    }
}
