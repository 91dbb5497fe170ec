package dev.wharf.runtime.npm;

import dev.wharf.runtime.auth.Principal;
import dev.wharf.runtime.metadata.Packages;
import dev.wharf.runtime.web.RequestRefusedException;
import dev.wharf.runtime.web.ServedRegistry;
import dev.wharf.runtime.web.WebMetrics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.BodyExtractors;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code PUT /npm/<registry>/<package>}: {@code npm publish} (one new version with its tarball attached), or a change
 * of stored versions without attachments ({@code npm deprecate} sends the whole packument back with {@code deprecated}
 * set or cleared). The body is spooled to a temporary file as it arrives, read with a streaming parser that decodes
 * the attachment into a file of its own, verified against the version's {@code dist.integrity} and {@code shasum},
 * and only then stored and recorded; a bad publish writes nothing.
 */
final class NpmPublish {

    /** What the body may hold besides the tarball's base64: the version document, the readme. */
    static final long MAX_DOCUMENT_BYTES = 16L * 1024 * 1024;

    private static final int TARBALL_CHUNK = 64 * 1024;

    private final NpmStore store;
    private final Packages packages;
    private final WebMetrics metrics;

    NpmPublish(NpmStore store, Packages packages, WebMetrics metrics) {
        this.store = store;
        this.packages = packages;
        this.metrics = metrics;
    }

    Mono<ServerResponse> handle(ServerRequest request, ServedRegistry registry, Principal principal) {
        String name = NpmName.SCHEME.normalizeName(NpmName.of(request));
        long maxBody = maxBody(registry);
        long declared = request.headers().contentLength().orElse(-1);
        if (declared > maxBody) {
            return Mono.error(tooLarge(registry, declared));
        }
        return Mono.usingWhen(
                Mono.fromCallable(() -> Files.createTempDirectory("wharf-npm-publish"))
                        .subscribeOn(Schedulers.boundedElastic()),
                dir -> spool(request, registry, dir.resolve("body.json"), maxBody)
                        .then(Mono.fromCallable(() -> PublishBody.read(
                                        dir.resolve("body.json"), dir, registry.maxUploadBytes(), registry.name()))
                                .subscribeOn(Schedulers.boundedElastic()))
                        .flatMap(body -> body.attachments().isEmpty()
                                ? change(registry, name, body, principal)
                                : publish(registry, name, body, principal)),
                dir -> Mono.fromRunnable(() -> delete(dir))
                        .subscribeOn(Schedulers.boundedElastic())
                        .then());
    }

    private static long maxBody(ServedRegistry registry) {
        return registry.maxUploadBytes() / 3 * 4 + 4 + MAX_DOCUMENT_BYTES;
    }

    private static RequestRefusedException tooLarge(ServedRegistry registry, long size) {
        return new RequestRefusedException(
                HttpStatus.CONTENT_TOO_LARGE,
                "Publish too large",
                "the publish has " + size + " bytes or more; registry '" + registry.name() + "' accepts tarballs of at"
                        + " most " + registry.maxUploadBytes() + " bytes (spec.maxUploadSize)");
    }

    private Mono<Void> spool(ServerRequest request, ServedRegistry registry, Path file, long max) {
        AtomicLong size = new AtomicLong();
        return DataBufferUtils.write(
                request.body(BodyExtractors.toDataBuffers()).doOnNext(buffer -> {
                    metrics.bytesIn(registry, buffer.readableByteCount());
                    if (size.addAndGet(buffer.readableByteCount()) > max) {
                        DataBufferUtils.release(buffer);
                        throw tooLarge(registry, size.get());
                    }
                }),
                file);
    }

    private Mono<ServerResponse> publish(ServedRegistry registry, String name, PublishBody body, Principal principal) {
        if (body.name() != null && !body.name().equals(name)) {
            throw RequestRefusedException.badRequest("the document names package '" + NpmName.printable(body.name())
                    + "' but the URL names '" + name + "'; publish each package to its own URL");
        }
        if (body.versions().size() != 1 || body.attachments().size() != 1) {
            throw RequestRefusedException.badRequest("a publish carries one version and its tarball; this one has "
                    + body.versions().size() + " versions and "
                    + body.attachments().size() + " attachments");
        }
        Map.Entry<String, ObjectNode> entry =
                body.versions().entrySet().iterator().next();
        String version = NpmName.SCHEME.normalizeVersion(entry.getKey());
        if (!version.equals(entry.getKey())) {
            throw RequestRefusedException.badRequest("version '" + NpmName.printable(entry.getKey())
                    + "' is not written as npm writes it: publish it as " + version);
        }
        ObjectNode manifest = entry.getValue();
        if (!name.equals(manifest.path("name").asString(""))
                || !version.equals(manifest.path("version").asString(""))) {
            throw RequestRefusedException.badRequest("the version document must name package '" + name
                    + "' and version " + version + "; it names '"
                    + NpmName.printable(manifest.path("name").asString(""))
                    + "' " + NpmName.printable(manifest.path("version").asString("")));
        }
        Map.Entry<String, PublishBody.Attachment> attachment =
                body.attachments().entrySet().iterator().next();
        String file = attachment.getKey();
        PublishBody.Attachment tarball = attachment.getValue();
        String expectedFile = NpmName.tarball(name, version);
        if (!file.equals(expectedFile) && !file.equals(name + "-" + version + ".tgz")) {
            throw RequestRefusedException.badRequest("the attachment is named '" + NpmName.printable(file)
                    + "'; the tarball of " + name + "@" + version + " is " + expectedFile);
        }
        verify(name, version, manifest.path("dist"), tarball);
        Map<String, String> tags = new LinkedHashMap<>();
        body.distTags().forEach((tag, tagged) -> {
            if (tagged.equals(version)) {
                tags.put(NpmDistTags.checkTag(tag), version);
            }
        });
        ObjectNode stored = manifest.deepCopy();
        ObjectNode dist = stored.path("dist") instanceof ObjectNode object ? object : stored.putObject("dist");
        dist.remove("tarball");
        stored.put("_id", name + "@" + version);
        String deprecated =
                stored.path("deprecated").isString() ? stored.get("deprecated").asString() : null;
        stored.remove("deprecated");
        return store.wasPublished(registry.id(), name, version)
                .flatMap(was -> was ? Mono.error(NpmStore.republished(name, version)) : Mono.just(true))
                .then(registry.store()
                        .put(
                                DataBufferUtils.read(
                                        tarball.file(), DefaultDataBufferFactory.sharedInstance, TARBALL_CHUNK),
                                tarball.sha256(),
                                registry.maxUploadBytes()))
                .flatMap(blob -> store.publish(new NewNpmVersion(
                        registry.id(),
                        name,
                        version,
                        PublishBody.JSON.writeValueAsBytes(stored),
                        tarball.sha512(),
                        tarball.sha1(),
                        blob.digest(),
                        blob.size(),
                        body.readme(),
                        tags,
                        deprecated,
                        principal.toString())))
                .then(NpmResponses.json(HttpStatus.CREATED, Map.of("ok", "created new package version", "id", name)));
    }

    /** Checks the tarball against what the version document says of it. */
    private static void verify(String name, String version, JsonNode dist, PublishBody.Attachment tarball) {
        String integrity = dist.path("integrity").asString("");
        String shasum = dist.path("shasum").asString("");
        if (integrity.isEmpty() && shasum.isEmpty()) {
            throw RequestRefusedException.badRequest("the version document of " + name + "@" + version
                    + " has no dist.integrity or dist.shasum to check its tarball against");
        }
        if (!integrity.isEmpty()) {
            boolean sha512 = false;
            for (String hash : com.google.common.base.Splitter.onPattern("\\s+").split(integrity.strip())) {
                if (hash.startsWith("sha512-")) {
                    sha512 = true;
                    if (!hash.equals(tarball.sha512())) {
                        throw mismatch(name, version, "dist.integrity", hash, tarball.sha512());
                    }
                }
            }
            if (!sha512 && shasum.isEmpty()) {
                throw RequestRefusedException.badRequest("dist.integrity of " + name + "@" + version
                        + " has no sha512 hash; publish with npm 5 or later");
            }
        }
        if (!shasum.isEmpty() && !shasum.equalsIgnoreCase(tarball.sha1())) {
            throw mismatch(name, version, "dist.shasum", shasum, tarball.sha1());
        }
        if (tarball.declaredLength() != null && tarball.declaredLength() != tarball.size()) {
            throw RequestRefusedException.badRequest("the attachment of " + name + "@" + version + " says it has "
                    + tarball.declaredLength() + " bytes but decodes to " + tarball.size());
        }
    }

    private static RequestRefusedException mismatch(
            String name, String version, String field, String expected, String actual) {
        return RequestRefusedException.badRequest("the tarball of " + name + "@" + version + " does not match its "
                + field + ": the document says " + NpmName.printable(expected) + ", the tarball is " + actual
                + "; nothing was published");
    }

    /** A PUT without attachments: deprecations of stored versions ({@code npm deprecate}). */
    private Mono<ServerResponse> change(ServedRegistry registry, String name, PublishBody body, Principal principal) {
        if (body.versions().isEmpty()) {
            throw RequestRefusedException.badRequest(
                    "the document has neither a version nor a tarball; publish with npm publish");
        }
        return packages.find(registry.id(), name)
                .switchIfEmpty(Mono.error(() -> RequestRefusedException.badRequest("package " + name
                        + " has no version in registry '" + registry.name() + "' yet and the document carries no"
                        + " tarball; publish with npm publish")))
                .flatMap(pkg -> store.versions(pkg.id()).collectList().flatMap(stored -> {
                    Map<NpmVersionRow, Optional<String>> changes = new LinkedHashMap<>();
                    for (Map.Entry<String, ObjectNode> sent : body.versions().entrySet()) {
                        NpmVersionRow row = stored.stream()
                                .filter(candidate -> candidate.version().equals(sent.getKey()))
                                .findFirst()
                                .orElseThrow(() -> RequestRefusedException.badRequest("version "
                                        + NpmName.printable(sent.getKey()) + " of " + name + " is not in registry '"
                                        + registry.name() + "' and the document carries no tarball for it; publish"
                                        + " it with npm publish"));
                        JsonNode deprecated = sent.getValue().get("deprecated");
                        Optional<String> message = deprecated == null
                                        || !deprecated.isString()
                                        || deprecated.asString().isEmpty()
                                ? Optional.empty()
                                : Optional.of(deprecated.asString());
                        if (!message.equals(Optional.ofNullable(row.deprecated()))) {
                            changes.put(row, message);
                        }
                    }
                    return changes.isEmpty()
                            ? Mono.<Void>empty()
                            : store.deprecate(pkg.id(), registry.name(), name, changes, principal.toString());
                }))
                .then(NpmResponses.json(HttpStatus.OK, Map.of("ok", "updated package", "id", name)));
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
