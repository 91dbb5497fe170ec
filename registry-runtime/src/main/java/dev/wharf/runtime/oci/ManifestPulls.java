package dev.wharf.runtime.oci;

import dev.wharf.runtime.auth.Principal;
import dev.wharf.runtime.metadata.DownloadCounter;
import dev.wharf.runtime.metadata.FileRecord;
import dev.wharf.runtime.metadata.Files;
import dev.wharf.runtime.metadata.NewManifest;
import dev.wharf.runtime.metadata.PackageRecord;
import dev.wharf.runtime.metadata.Packages;
import dev.wharf.runtime.metadata.Tags;
import dev.wharf.runtime.metadata.VersionRecord;
import dev.wharf.runtime.metadata.Versions;
import dev.wharf.runtime.web.WebMetrics;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * {@code GET}, {@code HEAD} and {@code DELETE /v2/<registry>/<name>/manifests/<reference>}: a manifest by tag or
 * digest, served with the exact bytes and media type it was pushed with (a GET counts as a download of its version);
 * a delete by digest deletes the version and its tags, a delete by tag only the tag.
 */
final class ManifestPulls {

    private final Packages packages;
    private final Versions versions;
    private final Tags tags;
    private final Files files;
    private final DownloadCounter downloads;
    private final WebMetrics metrics;

    ManifestPulls(
            Packages packages,
            Versions versions,
            Tags tags,
            Files files,
            DownloadCounter downloads,
            WebMetrics metrics) {
        this.packages = packages;
        this.versions = versions;
        this.tags = tags;
        this.files = files;
        this.downloads = downloads;
        this.metrics = metrics;
    }

    Mono<ServerResponse> get(ServerRequest request, OciRepository repository) {
        return find(repository)
                .flatMap(version -> files.find(version.id(), NewManifest.MANIFEST_PATH))
                .switchIfEmpty(Mono.error(() -> unknown(repository)))
                .flatMap(file -> serve(request, repository, file));
    }

    private Mono<ServerResponse> serve(ServerRequest request, OciRepository repository, FileRecord file) {
        ServerResponse.BodyBuilder response = ServerResponse.ok()
                .contentType(MediaType.parseMediaType(file.contentType()))
                .contentLength(file.sizeBytes())
                .eTag("\"" + file.digest() + "\"")
                .header(OciHeaders.CONTENT_DIGEST, file.digest().toString());
        if (HttpMethod.HEAD.equals(request.method())) {
            return response.build();
        }
        downloads.record(file);
        return response.body(BodyInserters.fromDataBuffers(repository
                .registry()
                .store()
                .read(file.digest(), null)
                .doOnNext(buffer -> metrics.bytesOut(repository.registry(), buffer.readableByteCount()))));
    }

    Mono<ServerResponse> delete(OciRepository repository, Principal principal) {
        String reference = repository.path().reference();
        return repository(repository)
                .flatMap(pkg -> OciNames.isDigest(reference)
                        ? versions.delete(pkg.id(), OciNames.digest(reference).toString(), principal.toString())
                        : tags.delete(pkg.id(), OciNames.tag(reference)))
                .filter(deleted -> deleted)
                .switchIfEmpty(Mono.error(() -> unknown(repository)))
                .then(ServerResponse.accepted().build());
    }

    /** The version the reference names; empty when there is none. */
    Mono<VersionRecord> find(OciRepository repository) {
        String reference = repository.path().reference();
        return repository(repository)
                .flatMap(pkg -> OciNames.isDigest(reference)
                        ? versions.find(pkg.id(), OciNames.digest(reference).toString())
                        : tags.resolve(pkg.id(), OciNames.tag(reference)));
    }

    private Mono<PackageRecord> repository(OciRepository repository) {
        return packages.find(repository.registryId(), repository.name());
    }

    private static OciException unknown(OciRepository repository) {
        String reference = OciNames.printable(repository.path().reference());
        return new OciException(
                OciError.MANIFEST_UNKNOWN,
                "repository " + repository.path().fullName() + " has no manifest " + reference + "; GET "
                        + repository.base() + "/tags/list lists its tags",
                OciNames.isDigest(reference) ? OciErrors.digestDetail(reference) : java.util.Map.of("tag", reference));
    }
}
