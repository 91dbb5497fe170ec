package dev.wharf.runtime.pypi;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.wharf.runtime.metadata.FileLookup;
import dev.wharf.runtime.metadata.VersionedFile;
import dev.wharf.runtime.proxy.UpstreamEngine;
import dev.wharf.runtime.proxy.UpstreamRequest;
import dev.wharf.runtime.proxy.UpstreamResult;
import dev.wharf.runtime.read.ReadOrigin;
import dev.wharf.runtime.read.Sourced;
import dev.wharf.runtime.storage.Digest;
import dev.wharf.runtime.web.ServedRegistry;
import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.buffer.DataBufferUtils;
import reactor.core.publisher.Mono;

/**
 * The PyPI format's requests to its Registry's UpstreamProxies: a project page ({@code <url>/simple/<project>/}, JSON
 * asked for first, HTML taken), kept as {@link UpstreamPageTransform} makes it and re-checked after the upstream's
 * {@code metadataTTL}; and the files it lists, fetched from whatever URL it gives them (another host, as PyPI's
 * files.pythonhosted.org), checked against its sha256 and kept as files of their version for good. A project the
 * registry holds content of its own for is never asked for upstream (the guard against dependency confusion).
 */
final class PypiUpstreams {

    /** What a page is asked for with: PEP 691's JSON first, then either HTML. */
    static final List<String> ACCEPT = List.of(
            "application/vnd.pypi.simple.v1+json", "application/vnd.pypi.simple.v1+html;q=0.2", "text/html;q=0.01");

    private static final long MAX_RENDERED_BYTES = 64L * 1024 * 1024;

    /**
     * A page an upstream gave.
     *
     * @param result what the engine served
     * @param page the page as kept
     * @param rendered its forms for clients
     */
    record UpstreamPage(UpstreamResult result, ProjectPage page, RenderedPage rendered) {}

    private record Parsed(ProjectPage page, RenderedPage rendered) {}

    private final UpstreamEngine engine;
    private final FileLookup files;
    private final PypiDistributions distributions;
    private final Cache<Digest, Parsed> parsed = Caffeine.newBuilder()
            .maximumWeight(MAX_RENDERED_BYTES)
            .<Digest, Parsed>weigher((digest, entry) ->
                    (int) Math.min(Integer.MAX_VALUE, entry.rendered().weight()))
            .build();

    PypiUpstreams(UpstreamEngine engine, FileLookup files, PypiDistributions distributions) {
        this.engine = engine;
        this.files = files;
        this.distributions = distributions;
    }

    /**
     * The project's page from the first upstream that has it; empty when none has it; an {@link
     * dev.wharf.runtime.proxy.UpstreamFailureException} when none could answer.
     */
    Mono<UpstreamPage> page(ServedRegistry registry, String project) {
        UpstreamRequest request = UpstreamRequest.mutable(project, "/simple/" + project + "/", ACCEPT)
                .transformed(new UpstreamPageTransform(project));
        return engine.fetch(registry, request).flatMap(result -> {
            Parsed known = parsed.getIfPresent(result.digest());
            if (known != null) {
                return Mono.just(new UpstreamPage(result, known.page(), known.rendered()));
            }
            return DataBufferUtils.join(result.body()).map(buffer -> {
                byte[] bytes = new byte[buffer.readableByteCount()];
                buffer.read(bytes);
                DataBufferUtils.release(buffer);
                ProjectPage page = ProjectPage.kept(bytes);
                Parsed entry = new Parsed(page, RenderedPage.of(page));
                parsed.put(result.digest(), entry);
                return new UpstreamPage(result, page, entry.rendered());
            });
        });
    }

    /**
     * Keeps the file's upload time as the upstream tells it: PEP 700's {@code upload-time} on its page, else the
     * {@code Last-Modified} of the file's answer; nothing when it tells neither.
     */
    private Mono<Void> uploaded(VersionedFile stored, ProjectPage.Link link, UpstreamResult result) {
        Instant pageTime = uploadTime(link.uploadTime());
        long lastModified = result.headers().getLastModified();
        if (pageTime == null && lastModified < 0) {
            return Mono.empty();
        }
        return distributions.upstreamTime(
                stored.file().versionId(),
                stored.file().path(),
                result.upstream(),
                pageTime != null ? pageTime : Instant.ofEpochMilli(lastModified),
                pageTime != null ? "upload-time" : "last-modified");
    }

    /** PEP 700's {@code upload-time} (ISO 8601 with a zone); null when absent or not readable. */
    static @Nullable Instant uploadTime(@Nullable String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.strip(), DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                    .toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /**
     * The file (or with {@code metadata}, its core metadata file) from the upstream whose page lists it, now kept
     * here; empty when the registry holds the project itself, or no upstream lists the file.
     */
    Mono<Sourced<VersionedFile>> file(ServedRegistry registry, DistributionFile file, boolean metadata) {
        return distributions
                .hosted(registry.id(), file.project())
                .flatMap(hosted -> hosted
                        ? Mono.empty()
                        : page(registry, file.project()).flatMap(found -> {
                            ProjectPage.Link link = found.page().file(file.filename());
                            if (link == null || link.upstreamUrl() == null) {
                                return Mono.empty();
                            }
                            Map<String, String> metadataHashes = link.metadataHashes();
                            if (metadata && metadataHashes == null) {
                                return Mono.empty();
                            }
                            String url = metadata ? link.upstreamUrl() + ".metadata" : link.upstreamUrl();
                            String sha256 =
                                    metadataHashes != null && metadata ? metadataHashes.get("sha256") : link.sha256();
                            String path = metadata ? file.metadataPath() : file.filename();
                            UpstreamRequest request = UpstreamRequest.immutable(
                                            file.project(),
                                            url,
                                            List.of(),
                                            sha256 == null ? null : Digest.parse(Digest.SHA256 + ":" + sha256),
                                            new UpstreamRequest.CachedFile(file.project(), file.version(), path))
                                    .at(found.result().upstream(), URI.create(url));
                            return engine.fetch(registry, request)
                                    .flatMap(result -> files.byVersion(
                                                    registry.id(), file.project(), file.version(), path)
                                            .flatMap(stored -> (metadata
                                                            ? Mono.<Void>empty()
                                                            : uploaded(stored, link, result))
                                                    .thenReturn(new Sourced<>(stored, ReadOrigin.of(result)))));
                        }));
    }
}
