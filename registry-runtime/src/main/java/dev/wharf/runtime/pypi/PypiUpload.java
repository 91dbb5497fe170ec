package dev.wharf.runtime.pypi;

import dev.wharf.runtime.auth.Principal;
import dev.wharf.runtime.metadata.Files;
import dev.wharf.runtime.metadata.MetadataDatabase;
import dev.wharf.runtime.metadata.NewFile;
import dev.wharf.runtime.metadata.Sql;
import dev.wharf.runtime.metadata.Transactions;
import dev.wharf.runtime.storage.Digest;
import dev.wharf.runtime.storage.StoredBlob;
import dev.wharf.runtime.web.RequestRefusedException;
import dev.wharf.runtime.web.ServedRegistry;
import dev.wharf.runtime.web.WebMetrics;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.springframework.core.ResolvableType;
import org.springframework.core.codec.DecodingException;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.codec.multipart.FilePartEvent;
import org.springframework.http.codec.multipart.FormPartEvent;
import org.springframework.http.codec.multipart.PartEvent;
import org.springframework.http.codec.multipart.PartEventHttpMessageReader;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * {@code POST /pypi/<registry>/} (or {@code .../legacy/}) with {@code :action=file_upload}: the upload API twine and
 * poetry use. The multipart body is read as it streams: the fields as they come, the file straight into the blob store.
 * Then every check runs before anything is recorded: the digests sent ({@code sha256_digest}, {@code md5_digest},
 * {@code blake2_256_digest}) against the bytes, the file name against the project and version (wheel and sdist rules),
 * the core metadata in the archive against both, and the file name against every name ever uploaded here (PyPI's
 * rule: a name is uploaded once, even after its file is deleted). The file, a wheel's metadata file (PEP 658) and the
 * metadata are then recorded in one transaction.
 */
final class PypiUpload {

    private static final int MAX_HEADERS = 16 * 1024;
    private static final String METADATA_TYPE = "text/plain;charset=utf-8";

    private final Files files;
    private final PypiDistributions distributions;
    private final PageChanges pages;
    private final MetadataDatabase database;
    private final WebMetrics metrics;
    private final Clock clock;
    private final PartEventHttpMessageReader reader = new PartEventHttpMessageReader();

    PypiUpload(
            Files files,
            PypiDistributions distributions,
            PageChanges pages,
            MetadataDatabase database,
            WebMetrics metrics,
            Clock clock) {
        this.files = files;
        this.pages = pages;
        this.distributions = distributions;
        this.database = database;
        this.metrics = metrics;
        this.clock = clock;
        reader.setMaxInMemorySize(UploadFields.DESCRIPTION_MAX * 4 + 1024);
        reader.setMaxHeadersSize(MAX_HEADERS);
    }

    /** What the body brought: its fields, and the file once stored. */
    private static final class Received {
        final UploadFields fields = new UploadFields();
        final AtomicReference<@Nullable Content> content = new AtomicReference<>();
    }

    /**
     * The stored file of an upload.
     *
     * @param filename the name the client gave it
     * @param blob the stored blob
     * @param md5 its MD5 in hex
     * @param blake2 its BLAKE2b-256 in hex
     */
    private record Content(String filename, StoredBlob blob, String md5, String blake2) {}

    /** The upload of {@code request} into the registry, by {@code principal}, whom the core authorized to write. */
    Mono<ServerResponse> handle(ServerRequest request, ServedRegistry registry, Principal principal) {
        return Mono.defer(() -> {
            MediaType type = request.headers().contentType().orElse(null);
            if (type == null || !MediaType.MULTIPART_FORM_DATA.isCompatibleWith(type)) {
                return Mono.error(RequestRefusedException.badRequest("an upload is a multipart/form-data POST with"
                        + " :action=file_upload and the file as 'content', as twine sends it; this request is "
                        + (type == null ? "not typed" : type.toString())));
            }
            long declared = request.headers().contentLength().orElse(-1);
            if (declared > registry.maxUploadBytes() + UploadFields.DESCRIPTION_MAX * 2L) {
                return Mono.error(tooLarge(registry, declared));
            }
            Received received = new Received();
            return reader.read(
                            ResolvableType.forClass(PartEvent.class),
                            request.exchange().getRequest(),
                            Map.of())
                    .windowUntil(PartEvent::isLast)
                    .concatMap(part -> part.switchOnFirst((first, events) -> {
                        PartEvent event = first.get();
                        if (event == null) {
                            return events.then();
                        }
                        return receive(registry, received, event, events);
                    }))
                    .then(Mono.defer(() -> finish(registry, received, principal)))
                    .onErrorMap(DecodingException.class, PypiUpload::malformed)
                    .onErrorMap(DataBufferLimitException.class, PypiUpload::malformed);
        });
    }

    private Mono<Void> receive(ServedRegistry registry, Received received, PartEvent first, Flux<PartEvent> events) {
        if (first instanceof FormPartEvent form) {
            received.fields.add(form.name(), form.value());
            return events.doOnNext(event -> DataBufferUtils.release(event.content()))
                    .then();
        }
        if (first instanceof FilePartEvent file && file.name().equals("content")) {
            if (received.content.get() != null) {
                return Mono.error(RequestRefusedException.badRequest("the upload has two 'content' files; send one"));
            }
            String filename = file.filename();
            return refuseUsedName(registry, filename)
                    .then(Mono.defer(() -> store(registry, received, filename, events)));
        }
        // Other files (a signature a client sends as gpg_signature): read and dropped.
        return events.doOnNext(event -> DataBufferUtils.release(event.content()))
                .then();
    }

    private Mono<Void> store(ServedRegistry registry, Received received, String filename, Flux<PartEvent> events) {
        ContentHashes hashes = new ContentHashes();
        String sha256 = received.fields.get("sha256_digest");
        Digest expected = sha256 == null ? null : digest(sha256);
        return registry.store()
                .put(
                        events.map(PartEvent::content).doOnNext(buffer -> {
                            hashes.update(buffer);
                            metrics.bytesIn(registry, buffer.readableByteCount());
                        }),
                        expected,
                        registry.maxUploadBytes())
                .doOnNext(blob -> received.content.set(new Content(filename, blob, hashes.md5(), hashes.blake2())))
                .then();
    }

    private Mono<Void> refuseUsedName(ServedRegistry registry, String filename) {
        return distributions.used(registry.id(), filename).flatMap(sha256 -> Mono.<Void>error(alreadyExists(filename)));
    }

    private Mono<ServerResponse> finish(ServedRegistry registry, Received received, Principal principal) {
        UploadFields fields = received.fields;
        String action = fields.get(":action");
        if (!"file_upload".equals(action)) {
            throw RequestRefusedException.badRequest("the upload's :action is "
                    + (action == null ? "missing" : "'" + action + "'") + "; only file_upload is served");
        }
        Content content = received.content.get();
        if (content == null) {
            throw RequestRefusedException.badRequest("the upload has no file: send it as the multipart part 'content'");
        }
        String project = normalizedName(fields.require("name"));
        DistributionFile file = distributionFile(content.filename(), project);
        String version = normalizedVersion(fields.require("version"));
        if (!version.equals(file.version())) {
            throw RequestRefusedException.badRequest("the file '" + file.filename() + "' is of version "
                    + file.version() + ", but the upload says version " + version);
        }
        checkFileType(fields.get("filetype"), file);
        checkDigests(fields, content);
        return readMetadata(registry, file, content.blob().digest()).flatMap(found -> {
            checkMetadata(file, found.metadata());
            return record(registry, file, content, found, principal);
        });
    }

    /** The core metadata file of the distribution: its bytes and what they say. */
    private static final class MetadataFile {

        private final byte[] bytes;
        private final CoreMetadata metadata;

        MetadataFile(byte[] bytes, CoreMetadata metadata) {
            this.bytes = bytes;
            this.metadata = metadata;
        }

        byte[] bytes() {
            return bytes;
        }

        CoreMetadata metadata() {
            return metadata;
        }
    }

    private Mono<MetadataFile> readMetadata(ServedRegistry registry, DistributionFile file, Digest digest) {
        return Mono.fromCallable(() -> {
                    try (InputStream in = DataBufferUtils.subscriberInputStream(
                            registry.store().read(digest, null), 4)) {
                        byte[] bytes = DistributionArchives.metadata(file, in);
                        return new MetadataFile(bytes, CoreMetadata.parse(bytes, metadataName(file)));
                    }
                })
                .subscribeOn(Schedulers.boundedElastic())
                .onErrorMap(
                        IllegalArgumentException.class,
                        e -> RequestRefusedException.badRequest(String.valueOf(e.getMessage())));
    }

    /**
     * Records the file, a wheel's metadata file beside it, its metadata and its name, in one transaction; the name is
     * checked again in it, against a concurrent upload of the same name.
     */
    private Mono<ServerResponse> record(
            ServedRegistry registry, DistributionFile file, Content content, MetadataFile found, Principal principal) {
        Mono<java.util.Optional<StoredBlob>> metadataBlob = file.hasCoreMetadata()
                ? registry.store()
                        .put(
                                Flux.just(DefaultDataBufferFactory.sharedInstance.wrap(found.bytes())),
                                null,
                                CoreMetadata.MAX_BYTES)
                        .map(java.util.Optional::of)
                : Mono.just(java.util.Optional.empty());
        return metadataBlob
                .flatMap(metadata -> Transactions.inTransaction(database, () -> {
                    Instant now = Sql.now(clock);
                    return distributions
                            .used(registry.id(), file.filename())
                            .flatMap(used -> Mono.<Long>error(alreadyExists(file.filename())))
                            .switchIfEmpty(Mono.defer(() -> files.record(newFile(
                                            registry,
                                            file,
                                            file.filename(),
                                            content.blob(),
                                            contentType(file),
                                            principal))
                                    .map(stored -> stored.file().versionId())))
                            .flatMap(versionId -> metadata.map(blob -> files.record(newFile(
                                                    registry,
                                                    file,
                                                    file.metadataPath(),
                                                    blob,
                                                    METADATA_TYPE,
                                                    principal))
                                            .thenReturn(versionId))
                                    .orElse(Mono.just(versionId)))
                            .flatMap(versionId -> distributions
                                    .reserve(
                                            registry.id(),
                                            file.filename(),
                                            file.project(),
                                            content.blob().digest().hex(),
                                            now)
                                    .then(distributions.insert(
                                            versionId,
                                            file.filename(),
                                            found.metadata(),
                                            content.md5(),
                                            content.blake2(),
                                            now))
                                    .then(distributions.latestByPep440OfVersion(versionId)));
                }))
                .then(Mono.fromRunnable(() -> pages.changed(registry.id(), file.project())))
                .then(ServerResponse.ok()
                        .contentType(new MediaType(MediaType.TEXT_PLAIN, java.nio.charset.StandardCharsets.UTF_8))
                        .bodyValue("OK: " + file.filename() + " stored as " + file.project() + " " + file.version()
                                + "\n"));
    }

    private static NewFile newFile(
            ServedRegistry registry,
            DistributionFile file,
            String path,
            StoredBlob blob,
            String contentType,
            Principal principal) {
        return new NewFile(
                registry.id(),
                file.project(),
                file.version(),
                path,
                blob.digest(),
                blob.size(),
                contentType,
                principal.toString(),
                null,
                NewFile.Overwrite.REFUSE);
    }

    private static String contentType(DistributionFile file) {
        return file.filename().toLowerCase(Locale.ROOT).endsWith(".tar.gz") ? "application/gzip" : "application/zip";
    }

    private static void checkMetadata(DistributionFile file, CoreMetadata metadata) {
        String name = normalizedName(metadata.name());
        String version = normalizedVersion(metadata.version());
        if (!name.equals(file.project()) || !version.equals(file.version())) {
            throw RequestRefusedException.badRequest("the " + metadataName(file) + " of '" + file.filename()
                    + "' says project '" + metadata.name() + "' version " + metadata.version()
                    + ", but the file name says project '" + file.project() + "' version " + file.version());
        }
    }

    private static void checkFileType(@Nullable String filetype, DistributionFile file) {
        if (filetype == null) {
            return;
        }
        boolean wheel = filetype.equals("bdist_wheel");
        if (wheel != (file.kind() == DistributionFile.Kind.WHEEL) || (!wheel && !filetype.equals("sdist"))) {
            throw RequestRefusedException.badRequest("the upload's filetype is '" + filetype + "', but '"
                    + file.filename() + "' is "
                    + (file.kind() == DistributionFile.Kind.WHEEL
                            ? "a wheel (bdist_wheel)"
                            : "a source distribution (sdist)"));
        }
    }

    private static void checkDigests(UploadFields fields, Content content) {
        String sha256 = fields.get("sha256_digest");
        String md5 = fields.get("md5_digest");
        String blake2 = fields.get("blake2_256_digest");
        if (sha256 == null && md5 == null && blake2 == null) {
            throw RequestRefusedException.badRequest("the upload sends none of sha256_digest, md5_digest and"
                    + " blake2_256_digest; send at least one, so that the file can be checked");
        }
        check("sha256_digest", sha256, content.blob().digest().hex());
        check("md5_digest", md5, content.md5());
        check("blake2_256_digest", blake2, content.blake2());
    }

    private static void check(String field, @Nullable String sent, String actual) {
        if (sent != null && !sent.toLowerCase(Locale.ROOT).equals(actual)) {
            throw RequestRefusedException.badRequest("the upload's " + field + " is " + sent + ", but the file's"
                    + " bytes have " + actual + "; nothing was stored: upload the file again");
        }
    }

    private static DistributionFile distributionFile(String filename, String project) {
        try {
            return DistributionFile.parse(filename, project);
        } catch (IllegalArgumentException e) {
            throw RequestRefusedException.badRequest(e.getMessage() + " (uploaded as project '" + project + "')");
        }
    }

    static String normalizedName(String name) {
        return DistributionFile.normalize(name);
    }

    static String normalizedVersion(String version) {
        return dev.wharf.runtime.version.VersionSchemes.of(dev.wharf.api.v1alpha1.common.Format.PYPI)
                .normalizeVersion(version);
    }

    private static String metadataName(DistributionFile file) {
        return file.kind() == DistributionFile.Kind.WHEEL ? "METADATA" : "PKG-INFO";
    }

    private static Digest digest(String sha256) {
        try {
            return Digest.parse(Digest.SHA256 + ":" + sha256.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw RequestRefusedException.badRequest(
                    "the upload's sha256_digest '" + sha256 + "' is not a sha256 in" + " hex: " + e.getMessage());
        }
    }

    static RequestRefusedException alreadyExists(String filename) {
        return RequestRefusedException.badRequest("File already exists: '" + filename + "' was uploaded before, and a"
                + " file name can be uploaded only once, even after it is deleted; upload a new version (or a build"
                + " number in the wheel's name)");
    }

    private static RequestRefusedException malformed(Throwable error) {
        return RequestRefusedException.badRequest(
                "the multipart body cannot be read (" + error.getMessage() + "); send it again, complete");
    }

    private static RequestRefusedException tooLarge(ServedRegistry registry, long declared) {
        return new RequestRefusedException(
                HttpStatus.CONTENT_TOO_LARGE,
                "Upload too large",
                "the upload has " + declared + " bytes; registry '" + registry.name() + "' accepts files of at most "
                        + registry.maxUploadBytes() + " (spec.maxUploadSize)");
    }
}
