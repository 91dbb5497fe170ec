package dev.wharf.runtime.maven;

import dev.wharf.runtime.auth.Principal;
import dev.wharf.runtime.metadata.FileLookup;
import dev.wharf.runtime.metadata.Files;
import dev.wharf.runtime.metadata.NewFile;
import dev.wharf.runtime.metadata.Packages;
import dev.wharf.runtime.metadata.StoredFile;
import dev.wharf.runtime.storage.StoredBlob;
import dev.wharf.runtime.web.RequestRefusedException;
import dev.wharf.runtime.web.ServedRegistry;
import dev.wharf.runtime.web.WebMetrics;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.MediaTypeFactory;
import org.springframework.web.reactive.function.BodyExtractors;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@code PUT /maven/<registry>/<path>}, as Maven Resolver and Wagon deploy: a file is streamed into the blob store
 * while its md5, sha1 and sha512 are computed, and recorded in its version (releases immutable unless the registry
 * allows overwrite; snapshot files may be replaced); a checksum is compared with the stored file's and refused when it
 * differs, as nothing but the stored bytes decide a checksum; a {@code maven-metadata.xml} is checked against its path
 * and not kept, as the server generates its own (a group's plugin prefixes excepted).
 */
final class MavenDeploy {

    private static final int MAX_CHECKSUM_BYTES = 1024;

    private final Files files;
    private final FileLookup fileLookup;
    private final Packages packages;
    private final MavenChecksums checksums;
    private final MavenPlugins plugins;
    private final WebMetrics metrics;
    private final StoredFiles storedFiles;

    MavenDeploy(
            Files files,
            FileLookup fileLookup,
            Packages packages,
            MavenChecksums checksums,
            MavenPlugins plugins,
            WebMetrics metrics,
            StoredFiles storedFiles) {
        this.files = files;
        this.fileLookup = fileLookup;
        this.packages = packages;
        this.checksums = checksums;
        this.plugins = plugins;
        this.metrics = metrics;
        this.storedFiles = storedFiles;
    }

    /** The deploy of {@code request} by {@code principal}, whom the core authorized to write. */
    Mono<ServerResponse> handle(ServerRequest request, ServedRegistry registry, Principal principal) {
        MavenPath path = MavenPath.of(request);
        VersionPolicy.check(registry, path.withoutChecksum());
        ChecksumAlgorithm checksum = path.checksum();
        if (checksum != null) {
            return checksum(request, registry, path.withoutChecksum(), checksum);
        }
        if (path.metadata()) {
            return metadata(request, registry, path);
        }
        return file(request, registry, path.file(), principal);
    }

    private Mono<ServerResponse> file(
            ServerRequest request, ServedRegistry registry, MavenPath.ArtifactFile file, Principal principal) {
        long declared = request.headers().contentLength().orElse(-1);
        if (declared > registry.maxUploadBytes()) {
            return Mono.error(new RequestRefusedException(
                    HttpStatus.CONTENT_TOO_LARGE,
                    "Upload too large",
                    "the upload of " + file.name() + " has " + declared + " bytes; registry '" + registry.name()
                            + "' accepts at most " + registry.maxUploadBytes() + " (spec.maxUploadSize)"));
        }
        return Mono.defer(() -> {
            ChecksumAccumulator sums = new ChecksumAccumulator();
            Flux<DataBuffer> body = request.body(BodyExtractors.toDataBuffers()).doOnNext(buffer -> {
                metrics.bytesIn(registry, buffer.readableByteCount());
                sums.update(buffer);
            });
            return registry.store()
                    .put(body, null, registry.maxUploadBytes())
                    .flatMap(blob -> files.record(newFile(registry, file, blob, principal))
                            .doOnNext(stored -> storedFiles.changed(
                                    registry.id(), file.coordinates().packageName(), file.version(), file.name()))
                            .flatMap(stored -> checksums
                                    .save(sums.finish(blob.digest()), blob.digest())
                                    .thenReturn(stored)))
                    .flatMap(stored -> ServerResponse.status(
                                    stored.outcome() == StoredFile.Outcome.CREATED ? HttpStatus.CREATED : HttpStatus.OK)
                            .build());
        });
    }

    private static NewFile newFile(
            ServedRegistry registry, MavenPath.ArtifactFile file, StoredBlob blob, Principal principal) {
        // A snapshot's files are rebuilt and deployed again under the same -SNAPSHOT version; a release's never change.
        boolean replace = file.snapshot() || registry.allowOverwrite();
        return new NewFile(
                registry.id(),
                file.coordinates().packageName(),
                file.version(),
                file.name(),
                blob.digest(),
                blob.size(),
                contentType(file.name()),
                principal.toString(),
                null,
                replace ? NewFile.Overwrite.REPLACE : NewFile.Overwrite.REFUSE);
    }

    /** The media type of a Maven file by its name: POMs and metadata are XML, jars Java archives. */
    static String contentType(String name) {
        if (name.endsWith(".pom") || name.endsWith(".xml")) {
            return MediaType.APPLICATION_XML_VALUE;
        }
        if (name.endsWith(".module")) {
            return MediaType.APPLICATION_JSON_VALUE;
        }
        if (name.endsWith(".asc")) {
            return "application/pgp-signature";
        }
        if (name.endsWith(".jar")) {
            return "application/java-archive";
        }
        return MediaTypeFactory.getMediaType(name)
                .orElse(MediaType.APPLICATION_OCTET_STREAM)
                .toString();
    }

    private Mono<ServerResponse> checksum(
            ServerRequest request, ServedRegistry registry, MavenPath target, ChecksumAlgorithm algorithm) {
        return body(request, MAX_CHECKSUM_BYTES, target.name() + "." + algorithm.extension())
                .flatMap(bytes -> {
                    String content = new String(bytes, StandardCharsets.US_ASCII);
                    String uploaded = algorithm
                            .parseUploaded(content)
                            .orElseThrow(
                                    () -> RequestRefusedException.badRequest("the " + algorithm.extension() + " of "
                                            + target.name() + " must be " + algorithm.hexLength() + " hex digits, not '"
                                            + MavenPath.printable(content.strip()) + "'"));
                    if (target.metadata()) {
                        // The client's checksum of its own document, which the server replaced with the one it
                        // generates.
                        return ServerResponse.status(HttpStatus.CREATED).build();
                    }
                    MavenPath.ArtifactFile file = target.file();
                    return fileLookup
                            .byVersion(registry.id(), file.coordinates().packageName(), file.version(), file.name())
                            .switchIfEmpty(
                                    Mono.error(() -> RequestRefusedException.badRequest("registry '" + registry.name()
                                            + "' has no " + file.name() + " in "
                                            + file.coordinates().packageName() + " "
                                            + file.version() + "; deploy the file before its checksum")))
                            .flatMap(stored ->
                                    checksums.of(registry, stored.file().digest()))
                            .flatMap(sums -> {
                                String actual = sums.get(algorithm);
                                if (!actual.equals(uploaded)) {
                                    return Mono.error(RequestRefusedException.badRequest("the uploaded "
                                            + algorithm.extension() + " of " + file.name() + " is " + uploaded
                                            + " but the stored bytes have " + actual
                                            + "; deploy the file again, it was changed or cut off on the way"));
                                }
                                return ServerResponse.status(HttpStatus.CREATED).build();
                            });
                });
    }

    private Mono<ServerResponse> metadata(ServerRequest request, ServedRegistry registry, MavenPath path) {
        return body(request, MavenMetadata.MAX_BYTES, MavenPath.METADATA).flatMap(bytes -> {
            MavenMetadata uploaded;
            try {
                uploaded = MavenMetadata.parse(bytes);
            } catch (IllegalArgumentException e) {
                throw RequestRefusedException.badRequest(
                        "the maven-metadata.xml uploaded to " + path.relative() + " is not valid: " + e.getMessage());
            }
            check(path, uploaded);
            if (uploaded.plugins().isEmpty() || uploaded.artifactId() != null) {
                return ServerResponse.status(HttpStatus.CREATED).build();
            }
            String groupId = path.groupOfDirectory();
            return Flux.fromIterable(uploaded.plugins())
                    .filterWhen(plugin -> packages.find(registry.id(), groupId + ":" + plugin.artifactId())
                            .hasElement())
                    .collectList()
                    .flatMap(held -> plugins.save(registry.id(), groupId, held))
                    .then(ServerResponse.status(HttpStatus.CREATED).build());
        });
    }

    /** Refuses a document whose coordinates are not those of its directory. */
    private static void check(MavenPath path, MavenMetadata uploaded) {
        String groupId = uploaded.groupId();
        String artifactId = uploaded.artifactId();
        if (artifactId == null) {
            if (groupId != null && !groupId.equals(path.groupOfDirectory())) {
                throw mismatch(path, "groupId " + groupId, "group " + path.groupOfDirectory());
            }
            return;
        }
        MavenPath.SnapshotDirectory snapshot = path.snapshotDirectory().orElse(null);
        MavenPath.Coordinates expected = snapshot != null
                ? snapshot.coordinates()
                : path.artifactOfDirectory()
                        .orElseThrow(() -> mismatch(path, "artifactId " + artifactId, "a group directory"));
        if (!expected.groupId().equals(groupId) || !expected.artifactId().equals(artifactId)) {
            throw mismatch(path, groupId + ":" + artifactId, expected.packageName());
        }
        if (snapshot != null && !Objects.equals(uploaded.version(), snapshot.version())) {
            throw mismatch(path, "version " + uploaded.version(), "version " + snapshot.version());
        }
    }

    private static RequestRefusedException mismatch(MavenPath path, String names, String directory) {
        return RequestRefusedException.badRequest("the maven-metadata.xml uploaded to " + path.relative() + " names "
                + names + " but its directory is " + directory + "'s");
    }

    private static Mono<byte[]> body(ServerRequest request, int limit, String what) {
        return DataBufferUtils.join(request.body(BodyExtractors.toDataBuffers()), limit)
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
                        e -> new RequestRefusedException(
                                HttpStatus.CONTENT_TOO_LARGE,
                                "Upload too large",
                                what + " may have at most " + limit + " bytes"));
    }
}
