package dev.wharf.runtime.npm;

import dev.wharf.runtime.metadata.FileLookup;
import dev.wharf.runtime.metadata.VersionedFile;
import dev.wharf.runtime.proxy.UpstreamEngine;
import dev.wharf.runtime.proxy.UpstreamFailureException;
import dev.wharf.runtime.proxy.UpstreamRequest;
import dev.wharf.runtime.read.ReadOrigin;
import dev.wharf.runtime.read.Sourced;
import dev.wharf.runtime.web.ServedRegistry;
import java.util.List;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.MediaType;
import reactor.core.publisher.Mono;

/**
 * The npm format's requests to its Registry's UpstreamProxies: packuments ({@code /<name>}, mutable, rewritten by
 * {@link PackumentTransform} and cached as rewritten bytes, one copy per form) and tarballs
 * ({@code /<name>/-/<file>}, immutable, checked against the packument's integrity and kept as the version's file from
 * then on, with the packument's publish time).
 */
final class NpmUpstreams {

    /** What npm sends for an install: the abbreviated form first. */
    static final String ACCEPT_ABBREVIATED = "application/vnd.npm.install-v1+json; q=1.0, application/json; q=0.8, */*";

    private final UpstreamEngine engine;
    private final FileLookup files;

    NpmUpstreams(UpstreamEngine engine, FileLookup files) {
        this.engine = engine;
        this.files = files;
    }

    /**
     * The package's packument from the first upstream that has it, its tarball URLs under {@code base}; empty when none
     * has it; an {@link dev.wharf.runtime.proxy.UpstreamFailureException} when none could answer.
     */
    Mono<Sourced<NpmDocument>> packument(ServedRegistry registry, String name, String base, boolean abbreviated) {
        UpstreamRequest request = UpstreamRequest.mutable(
                        name,
                        "/" + NpmName.escaped(name),
                        List.of(abbreviated ? ACCEPT_ABBREVIATED : MediaType.APPLICATION_JSON_VALUE))
                .transformed(new PackumentTransform(base, name));
        return engine.fetch(registry, request)
                .map(result -> new Sourced<>(
                        new NpmDocument(
                                result.body(),
                                result.size(),
                                "\"" + result.digest().hex().substring(0, 40) + "\"",
                                type(result.contentType(), abbreviated)),
                        ReadOrigin.of(result)));
    }

    private static MediaType type(String upstream, boolean abbreviated) {
        try {
            MediaType type = MediaType.parseMediaType(upstream);
            if (type.isCompatibleWith(NpmContent.ABBREVIATED) || type.isCompatibleWith(MediaType.APPLICATION_JSON)) {
                return type;
            }
        } catch (RuntimeException e) {
            // An upstream's malformed content type: answer the form asked for.
        }
        return abbreviated ? NpmContent.ABBREVIATED : MediaType.APPLICATION_JSON;
    }

    /**
     * The tarball from the first upstream that has it, as now kept here; empty when none has it, or when the package's
     * packument there has no such version. The tarball is checked against the packument's {@code dist.integrity}
     * (else its {@code dist.shasum}) before it is kept, and the version keeps the packument's publish time.
     */
    Mono<Sourced<VersionedFile>> tarball(
            ServedRegistry registry, String name, String version, String file, String base) {
        return facts(registry, name, version, base, true)
                .flatMap(facts -> facts.publishedAt() != null
                        ? Mono.just(facts)
                        : facts(registry, name, version, base, false).defaultIfEmpty(facts))
                .flatMap(facts -> {
                    UpstreamRequest request = UpstreamRequest.immutable(
                            name,
                            "/" + NpmName.path(name) + "/-/" + file,
                            List.of(),
                            null,
                            new UpstreamRequest.CachedFile(name, version, file, facts.publishedAt()));
                    TarballIntegrity check = TarballIntegrity.of(facts.integrity(), facts.shasum());
                    return engine.fetch(registry, check == null ? request : request.checked(check));
                })
                .onErrorMap(
                        IllegalArgumentException.class,
                        e -> new UpstreamFailureException("the upstream packument of " + name + " cannot vouch for "
                                + file + ": " + e.getMessage()))
                .flatMap(result -> files.byVersion(registry.id(), name, version, file)
                        .map(stored -> new Sourced<>(stored, ReadOrigin.of(result))));
    }

    /** What the packument (abbreviated or full) says of the version; empty when it has no such version. */
    private Mono<PackumentFacts> facts(
            ServedRegistry registry, String name, String version, String base, boolean abbreviated) {
        return packument(registry, name, base, abbreviated)
                .flatMap(found -> DataBufferUtils.join(found.content().body()))
                .flatMap(joined -> {
                    // The cached bytes are read where they are, never copied: a packument may be tens of MB.
                    try (java.io.InputStream in = joined.asInputStream(true)) {
                        return Mono.justOrEmpty(PackumentFacts.of(in, version));
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
    }
}
