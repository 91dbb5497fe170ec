package dev.wharf.runtime.oci;

import dev.wharf.runtime.auth.Principal;
import dev.wharf.runtime.metadata.DeleteScope;
import dev.wharf.runtime.metadata.FileLookup;
import dev.wharf.runtime.metadata.FileRecord;
import dev.wharf.runtime.metadata.Files;
import dev.wharf.runtime.metadata.PackageRecord;
import dev.wharf.runtime.metadata.Packages;
import dev.wharf.runtime.metadata.Tags;
import dev.wharf.runtime.metadata.VersionRecord;
import dev.wharf.runtime.metadata.VersionedFile;
import dev.wharf.runtime.metadata.Versions;
import dev.wharf.runtime.proxy.UpstreamResult;
import dev.wharf.runtime.read.Read;
import dev.wharf.runtime.read.ReadOrigin;
import dev.wharf.runtime.read.ReadPipeline;
import dev.wharf.runtime.read.ReadSubject;
import dev.wharf.runtime.read.Sourced;
import dev.wharf.runtime.storage.Digest;
import dev.wharf.runtime.web.WebMetrics;
import java.util.Optional;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
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
 * {@code GET}, {@code HEAD} and {@code DELETE /v2/<registry>/<name>/manifests/<reference>}: a manifest by tag or
 * digest, served with the exact bytes and media type it was pushed with (a GET counts as a download of its version);
 * a delete by digest deletes the version and its tags (its blobs stay readable until deleted on their own or
 * collected, as in the Docker registry), a delete by tag only the tag. A registry with upstream proxies
 * pulls what it does not have through them ({@link ProxiedManifests}). A GET or HEAD whose {@code If-None-Match} names
 * the manifest's entity tag, {@code "<digest>"}, is answered 304 ({@link EntityTags}).
 */
final class ManifestPulls {

    private final Packages packages;
    private final Versions versions;
    private final Tags tags;
    private final Files files;
    private final ReadPipeline reads;
    private final WebMetrics metrics;
    private final ProxiedManifests proxied;
    private final OciManifests manifests;
    private final FileLookup fileLookup;
    private final ManifestBytes bytes = new ManifestBytes();

    ManifestPulls(
            Packages packages,
            Versions versions,
            Tags tags,
            Files files,
            ReadPipeline reads,
            WebMetrics metrics,
            ProxiedManifests proxied,
            OciManifests manifests,
            FileLookup fileLookup) {
        this.packages = packages;
        this.versions = versions;
        this.tags = tags;
        this.manifests = manifests;
        this.files = files;
        this.reads = reads;
        this.metrics = metrics;
        this.proxied = proxied;
        this.fileLookup = fileLookup;
    }

    /**
     * The manifest from the registry's own content; in a registry with upstream proxies, else from them, and a tag
     * that came through an upstream is asked for again (the engine re-checks it after the upstream's metadata TTL),
     * served from here, stale, when no upstream can answer or none may be asked.
     */
    Mono<ServerResponse> get(ServerRequest request, OciRepository repository) {
        if (!isValidReference(repository)) {
            return Mono.error(unknown(repository));
        }
        boolean byTag = !OciNames.isDigest(repository.path().reference());
        Read<Pulled> read = Read.<Pulled>of(
                        subject(repository),
                        findManifest(repository).map(Stored::new),
                        stored -> ReadOrigin.of(repository.registry(), storedVersion(stored)))
                .recheckedWhen(stored -> byTag && storedVersion(stored).upstream() != null)
                .orUpstream(kept -> proxied.fetch(request, repository)
                        .map(fetched -> new Sourced<>(
                                new FromUpstream(
                                        fetched, kept.flatMap(Pulled::stored).orElse(null)),
                                ReadOrigin.of(fetched.result()))))
                .unavailableWhen(OciUpstreams::unavailable);
        return reads.read(repository.registry(), read)
                .switchIfEmpty(Mono.error(() -> unknown(repository)))
                .flatMap(pulled -> switch (pulled.content()) {
                    case Stored stored -> serve(request, repository, stored.manifest(), pulled.origin());
                    case FromUpstream fetched -> serve(request, repository, fetched.fetched(), fetched.kept());
                });
    }

    /** What the gate sees of a pull: the repository, and the version when the reference is a digest. */
    static ReadSubject subject(OciRepository repository) {
        String reference = repository.path().reference();
        return OciNames.isDigest(reference)
                ? ReadSubject.ofVersion(repository.name(), reference)
                : ReadSubject.ofPackage(repository.name());
    }

    /** A manifest a pull found: kept here, or fetched through an upstream now. */
    private sealed interface Pulled {

        /** The manifest as stored here, if it is. */
        Optional<VersionedFile> stored();
    }

    /** The version of a manifest found here: what the pipeline's own content always is. */
    private static VersionRecord storedVersion(Pulled pulled) {
        return pulled.stored().orElseThrow().version();
    }

    private record Stored(VersionedFile manifest) implements Pulled {

        @Override
        public Optional<VersionedFile> stored() {
            return Optional.of(manifest);
        }
    }

    /** A manifest an upstream served, and the copy kept here that the reference named before, if any. */
    private record FromUpstream(
            ProxiedManifests.Fetched fetched, @Nullable VersionedFile kept) implements Pulled {

        @Override
        public Optional<VersionedFile> stored() {
            return Optional.empty();
        }
    }

    /** A manifest of the registry's own content, its version and file in one query: the path of every pull. */
    private Mono<VersionedFile> findManifest(OciRepository repository) {
        String reference = repository.path().reference();
        return OciNames.isDigest(reference)
                ? fileLookup.byVersion(
                        repository.registryId(),
                        repository.name(),
                        OciNames.digest(reference).toString(),
                        NewManifest.MANIFEST_PATH)
                : fileLookup.byTag(
                        repository.registryId(), repository.name(), OciNames.tag(reference), NewManifest.MANIFEST_PATH);
    }

    private Mono<ServerResponse> serve(
            ServerRequest request, OciRepository repository, VersionedFile local, ReadOrigin origin) {
        FileRecord file = local.file();
        Consumer<HttpHeaders> source = origin::describe;
        if (EntityTags.notModified(request, file.digest())) {
            return notModified(file.digest(), file.digest().toString(), source);
        }
        ServerResponse.BodyBuilder response = ServerResponse.ok()
                .contentType(MediaType.parseMediaType(file.contentType()))
                .contentLength(file.sizeBytes())
                .eTag(EntityTags.of(file.digest()))
                .header(OciHeaders.CONTENT_DIGEST, file.digest().toString())
                .headers(source);
        if (HttpMethod.HEAD.equals(request.method())) {
            return response.build();
        }
        reads.recordDownload(file);
        return response.body(
                BodyInserters.fromDataBuffers(bytes.read(repository.registry().store(), file.digest(), file.sizeBytes())
                        .doOnNext(buffer -> metrics.bytesOut(repository.registry(), buffer.readableByteCount()))));
    }

    /**
     * A manifest an upstream served, with its media type and digest exactly as the upstream gave them; {@code local} is
     * the copy kept here that the reference named before, if any.
     */
    private Mono<ServerResponse> serve(
            ServerRequest request,
            OciRepository repository,
            ProxiedManifests.Fetched fetched,
            @Nullable VersionedFile local) {
        UpstreamResult result = fetched.result();
        byte[] bytes = fetched.bytes();
        if (EntityTags.notModified(request, result.digest())) {
            return notModified(result.digest(), fetched.contentDigest(), ReadOrigin.of(result)::describe);
        }
        ServerResponse.BodyBuilder response = ServerResponse.ok()
                .header(HttpHeaders.CONTENT_TYPE, result.contentType())
                .contentLength(result.size())
                .eTag(EntityTags.of(result.digest()))
                .header(OciHeaders.CONTENT_DIGEST, fetched.contentDigest())
                .headers(ReadOrigin.of(result)::describe);
        if (HttpMethod.HEAD.equals(request.method())) {
            return response.build();
        }
        VersionRecord version = fetched.version();
        Mono<Void> pulled;
        if (version != null) {
            pulled = files.find(version.id(), NewManifest.MANIFEST_PATH)
                    .doOnNext(reads::recordDownload)
                    .then();
        } else if (local != null && local.file().digest().equals(result.digest())) {
            // The tag still names the manifest kept here: the lookup that found it already has its file.
            reads.recordDownload(local.file());
            pulled = Mono.empty();
        } else {
            pulled = recordPull(repository, result.digest());
        }
        return pulled.onErrorResume(e -> Mono.empty())
                .then(response.body(BodyInserters.fromDataBuffers(Flux.just(ManifestPushes.wrap(bytes))
                        .doOnNext(buffer -> metrics.bytesOut(repository.registry(), buffer.readableByteCount())))));
    }

    /**
     * The 304 of a conditional GET or HEAD whose client has the manifest: its entity tag and digest, where it came
     * from, no body; not counted as a download.
     */
    private static Mono<ServerResponse> notModified(Digest digest, String contentDigest, Consumer<HttpHeaders> source) {
        return ServerResponse.status(HttpStatus.NOT_MODIFIED)
                .eTag(EntityTags.of(digest))
                .header(OciHeaders.CONTENT_DIGEST, contentDigest)
                .headers(source)
                .build();
    }

    /** Counts a pull of the recorded manifest with {@code digest}, which sets its pull time. */
    private Mono<Void> recordPull(OciRepository repository, Digest digest) {
        return fileLookup
                .byVersion(repository.registryId(), repository.name(), digest.toString(), NewManifest.MANIFEST_PATH)
                .doOnNext(found -> reads.recordDownload(found.file()))
                .then();
    }

    /**
     * Deletes the version a digest names, or only the tag a tag names, recording who did in the audit trail. Where the
     * Registry does not allow overwrite, a tag cannot be deleted on its own ({@link ImmutableTags}): deleting its
     * manifest by digest removes it with its other tags.
     */
    Mono<ServerResponse> delete(OciRepository repository, Principal principal) {
        String reference = repository.path().reference();
        if (!isValidReference(repository)) {
            return Mono.error(unknown(repository));
        }
        return repository(repository)
                .flatMap(pkg -> OciNames.isDigest(reference)
                        ? versions.delete(
                                pkg.id(),
                                OciNames.digest(reference).toString(),
                                principal.toString(),
                                DeleteScope.CORE_ROWS)
                        : deleteTag(repository, pkg, OciNames.tag(reference), principal))
                .filter(deleted -> deleted)
                .switchIfEmpty(Mono.error(() -> unknown(repository)))
                .then(ServerResponse.accepted().build());
    }

    private Mono<Boolean> deleteTag(OciRepository repository, PackageRecord pkg, String tag, Principal principal) {
        if (ImmutableTags.mayMove(repository)) {
            return manifests.deleteTag(pkg.id(), tag, principal.toString());
        }
        return tags.resolve(pkg.id(), tag)
                .flatMap(current ->
                        Mono.<Boolean>error(ImmutableTags.deletionRefused(repository, tag, current.version())));
    }

    /** The version the reference names; empty when there is none. */
    Mono<VersionRecord> find(OciRepository repository) {
        String reference = repository.path().reference();
        if (!isValidReference(repository)) {
            return Mono.empty();
        }
        return repository(repository)
                .flatMap(pkg -> OciNames.isDigest(reference)
                        ? versions.find(pkg.id(), OciNames.digest(reference).toString())
                        : tags.resolve(pkg.id(), OciNames.tag(reference)));
    }

    private Mono<PackageRecord> repository(OciRepository repository) {
        return packages.find(repository.registryId(), repository.name());
    }

    /**
     * Whether the reference can name a manifest: a reference that is neither a digest nor a valid tag names none, so a
     * read or delete of it is a MANIFEST_UNKNOWN (the distribution spec's error table has no code for a bad tag).
     */
    private static boolean isValidReference(OciRepository repository) {
        String reference = repository.path().reference();
        return OciNames.isDigest(reference) || OciNames.isTag(reference);
    }

    private static OciException unknown(OciRepository repository) {
        String reference = OciNames.printable(repository.path().reference());
        String why = isValidReference(repository)
                ? ""
                : " ('" + reference + "' is neither a digest nor a valid tag: up to 128 letters, digits, '_', '.' and"
                        + " '-', not starting with '.' or '-')";
        return new OciException(
                OciError.MANIFEST_UNKNOWN,
                "repository " + repository.path().fullName() + " has no manifest " + reference + why + "; GET "
                        + repository.base() + "/tags/list lists its tags",
                OciNames.isDigest(reference) ? OciErrors.digestDetail(reference) : java.util.Map.of("tag", reference));
    }
}
