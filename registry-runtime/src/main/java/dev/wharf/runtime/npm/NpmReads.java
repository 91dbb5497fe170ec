package dev.wharf.runtime.npm;

import dev.wharf.runtime.auth.Principal;
import dev.wharf.runtime.metadata.PackageRecord;
import dev.wharf.runtime.metadata.Packages;
import dev.wharf.runtime.metadata.Tags;
import dev.wharf.runtime.metadata.VersionedFile;
import dev.wharf.runtime.proxy.UpstreamFailureException;
import dev.wharf.runtime.read.FileResponses;
import dev.wharf.runtime.read.Read;
import dev.wharf.runtime.read.ReadOrigin;
import dev.wharf.runtime.read.ReadPipeline;
import dev.wharf.runtime.read.ReadSubject;
import dev.wharf.runtime.read.Sourced;
import dev.wharf.runtime.web.ArtifactLookup;
import dev.wharf.runtime.web.PublicUrls;
import dev.wharf.runtime.web.RequestRefusedException;
import dev.wharf.runtime.web.ServedRegistry;
import java.util.List;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.node.ObjectNode;

/**
 * The npm reads, through the core's read pipeline: packuments ({@code GET /<package>}), version documents
 * ({@code GET /<package>/<version or dist-tag>}) and tarballs ({@code GET /<package>/-/<file>}). A package with hosted
 * versions is served only from them and never looked up upstream (the guard against dependency confusion); any other
 * comes from the first upstream that has it.
 */
final class NpmReads {

    private final Packages packages;
    private final Tags tags;
    private final NpmStore store;
    private final ReadPipeline reads;
    private final FileResponses responses;
    private final ArtifactLookup lookup;
    private final NpmUpstreams upstreams;
    private final PublicUrls urls;
    private final GzippedDocuments gzipped = new GzippedDocuments();

    NpmReads(
            Packages packages,
            Tags tags,
            NpmStore store,
            ReadPipeline reads,
            FileResponses responses,
            ArtifactLookup lookup,
            NpmUpstreams upstreams,
            PublicUrls urls) {
        this.packages = packages;
        this.tags = tags;
        this.store = store;
        this.reads = reads;
        this.responses = responses;
        this.lookup = lookup;
        this.upstreams = upstreams;
        this.urls = urls;
    }

    /** The registry's URL as the client reached it: {@code <scheme>://<host>[<prefix>]/npm/<registry>}. */
    private String base(ServerRequest request, ServedRegistry registry) {
        return urls.base(request, registry) + "/npm/" + registry.name();
    }

    /** The packument, in the form the request asks for. */
    Mono<ServerResponse> packument(ServerRequest request, ServedRegistry registry, Principal principal) {
        String name = NpmName.of(request);
        boolean abbreviated = NpmContent.wantsAbbreviated(request);
        String base = base(request, registry);
        Read<NpmDocument> read = Read.of(
                        ReadSubject.ofPackage(name),
                        hosted(registry, name, base, abbreviated),
                        document -> ReadOrigin.own(registry.name(), proxying(registry)))
                .orUpstream(kept -> upstreams.packument(registry, name, base, abbreviated));
        return reads.read(registry, read)
                .flatMap(found -> NpmResponses.streamed(request, found.content(), found.origin(), gzipped))
                .switchIfEmpty(Mono.defer(() -> Mono.error(notFound(registry, name))))
                .onErrorMap(UpstreamFailureException.class, NpmReads::unavailable);
    }

    /** One version's document, by version or dist-tag; hosted packages only. */
    Mono<ServerResponse> version(ServerRequest request, ServedRegistry registry, Principal principal) {
        String name = NpmName.of(request);
        String wanted = request.pathVariable("version");
        String base = base(request, registry);
        return packages.find(registry.id(), name)
                .flatMap(pkg -> store.versions(pkg.id())
                        .collectList()
                        .flatMap(rows -> tags.list(pkg.id())
                                .filter(tag -> tag.name().equals(wanted))
                                .map(tag -> tag.version())
                                .next()
                                .defaultIfEmpty(wanted)
                                .flatMap(version -> Mono.justOrEmpty(rows.stream()
                                        .filter(row -> row.version().equals(version))
                                        .findFirst()))))
                .switchIfEmpty(Mono.error(() -> RequestRefusedException.notFound("registry '" + registry.name()
                        + "' has no version or dist-tag '" + NpmName.printable(wanted) + "' of package " + name)))
                .flatMap(row -> NpmResponses.document(
                        request,
                        PublishBody.JSON.writeValueAsBytes(Packument.version(base, name, row)),
                        MediaType.APPLICATION_JSON,
                        ReadOrigin.own(registry.name(), proxying(registry))));
    }

    /** A tarball: stored here, or from the first upstream that has it unless the package is hosted here. */
    Mono<ServerResponse> tarball(ServerRequest request, ServedRegistry registry, Principal principal) {
        String name = NpmName.of(request);
        String file = request.pathVariable("file");
        String version = NpmName.versionOfTarball(name, file);
        String base = base(request, registry);
        Read<VersionedFile> read = Read.of(
                        ReadSubject.ofVersion(name, version),
                        lookup.findStoredFile(registry, name, version, file),
                        found -> ReadOrigin.of(registry, found.version()))
                .orUpstream(kept -> isHosted(registry, name)
                        .flatMap(hosted -> hosted
                                ? Mono.<Sourced<VersionedFile>>empty()
                                : upstreams.tarball(registry, name, version, file, base)));
        return reads.read(registry, read)
                .flatMap(found -> responses.serve(
                        request, registry, new Sourced<>(found.content().file(), found.origin())))
                .switchIfEmpty(Mono.defer(() -> Mono.error(RequestRefusedException.notFound(
                        "registry '" + registry.name() + "' has no tarball " + file + " of package " + name))))
                .onErrorMap(UpstreamFailureException.class, NpmReads::unavailable);
    }

    private Mono<Boolean> isHosted(ServedRegistry registry, String name) {
        return packages.find(registry.id(), name)
                .flatMap(pkg -> store.versions(pkg.id()).hasElements())
                .defaultIfEmpty(false);
    }

    /** The packument of the package's hosted versions; empty when it has none here. */
    Mono<NpmDocument> hosted(ServedRegistry registry, String name, String base, boolean abbreviated) {
        return packages.find(registry.id(), name)
                .flatMap(pkg -> store.versions(pkg.id())
                        .collectList()
                        .filter(versions -> !versions.isEmpty())
                        .flatMap(versions -> tags.list(pkg.id())
                                .collectList()
                                .zipWith(store.packageRow(pkg.id())
                                        .defaultIfEmpty(new NpmStore.PackageRow(null, pkg.updatedAt())))
                                .map(found -> document(
                                        build(base, pkg, versions, found.getT1(), found.getT2(), abbreviated),
                                        abbreviated))));
    }

    private static ObjectNode build(
            String base,
            PackageRecord pkg,
            List<NpmVersionRow> versions,
            List<dev.wharf.runtime.metadata.TagRecord> tags,
            NpmStore.PackageRow row,
            boolean abbreviated) {
        return Packument.build(base, pkg, versions, tags, row.readme(), row.modifiedAt(), abbreviated);
    }

    private static NpmDocument document(ObjectNode packument, boolean abbreviated) {
        byte[] bytes = PublishBody.JSON.writeValueAsBytes(packument);
        return new NpmDocument(
                Flux.defer(() -> Flux.<DataBuffer>just(DefaultDataBufferFactory.sharedInstance.wrap(bytes))),
                bytes.length,
                "\"" + NpmResponses.sha256(bytes).substring(0, 40) + "\"",
                abbreviated ? NpmContent.ABBREVIATED : MediaType.APPLICATION_JSON);
    }

    private static boolean proxying(ServedRegistry registry) {
        return !registry.configured().upstreamProxies().isEmpty();
    }

    private static RequestRefusedException notFound(ServedRegistry registry, String name) {
        return RequestRefusedException.notFound("registry '" + registry.name() + "' has no package '" + name + "'"
                + (proxying(registry) ? ", and none of its upstream proxies has it" : ""));
    }

    private static RequestRefusedException unavailable(UpstreamFailureException failure) {
        return new RequestRefusedException(
                HttpStatus.BAD_GATEWAY,
                "No upstream could answer",
                "the package is not stored here and no upstream proxy could serve it: " + failure.getMessage());
    }
}
