package dev.wharf.runtime.npm;

import dev.wharf.runtime.auth.Principal;
import dev.wharf.runtime.metadata.AuditEvent;
import dev.wharf.runtime.metadata.PackageRecord;
import dev.wharf.runtime.metadata.Packages;
import dev.wharf.runtime.metadata.Tags;
import dev.wharf.runtime.web.RequestRefusedException;
import dev.wharf.runtime.web.ServedRegistry;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * {@code /-/package/<package>/dist-tags[/<tag>]}: {@code npm dist-tag ls}, {@code add} and {@code rm}. A tag points
 * at a hosted version; {@code latest} can be moved but not removed, as on the public registry.
 */
final class NpmDistTags {

    /** The path variable of the tag. */
    static final String TAG = "tag";

    private static final int MAX_BODY = 1024;

    private final Packages packages;
    private final Tags tags;
    private final NpmStore store;

    NpmDistTags(Packages packages, Tags tags, NpmStore store) {
        this.packages = packages;
        this.tags = tags;
        this.store = store;
    }

    /** A dist-tag name, as npm allows it: not empty, URL safe, and not a version (it would read as one). */
    static String checkTag(String tag) {
        if (tag.isEmpty() || tag.length() > 255) {
            throw RequestRefusedException.badRequest("a dist-tag has 1 to 255 characters");
        }
        if (!tag.matches("[A-Za-z0-9._~-]+")) {
            throw RequestRefusedException.badRequest(
                    "the dist-tag '" + NpmName.printable(tag) + "' may only hold letters, digits and . _ ~ -");
        }
        if (NpmName.SCHEME.isValid(tag)) {
            throw RequestRefusedException.badRequest("the dist-tag '" + NpmName.printable(tag)
                    + "' reads as a version; tags must not be valid semver, such as beta or next");
        }
        return tag;
    }

    Mono<ServerResponse> list(ServerRequest request, ServedRegistry registry, Principal principal) {
        String name = NpmName.of(request);
        return hosted(registry, name)
                .flatMap(pkg -> tags.list(pkg.id()).collectList())
                .flatMap(list -> {
                    Map<String, String> body = new LinkedHashMap<>();
                    list.forEach(tag -> body.put(tag.name(), tag.version()));
                    return NpmResponses.json(HttpStatus.OK, body);
                });
    }

    Mono<ServerResponse> add(ServerRequest request, ServedRegistry registry, Principal principal) {
        String name = NpmName.of(request);
        String tag = checkTag(request.pathVariable(TAG));
        return request.bodyToMono(byte[].class)
                .defaultIfEmpty(new byte[0])
                .map(NpmDistTags::version)
                .flatMap(version -> hosted(registry, name)
                        .flatMap(pkg -> store.versions(pkg.id())
                                .filter(row -> row.version().equals(version))
                                .next()
                                .switchIfEmpty(Mono.error(() -> RequestRefusedException.notFound("version " + version
                                        + " of " + name + " is not in registry '" + registry.name()
                                        + "'; npm dist-tag add " + name + "@<version> " + tag
                                        + " takes a published version")))
                                .flatMap(row -> store.locked(
                                        pkg.id(),
                                        locked -> store.tag(pkg.id(), tag, row.versionId(), store.now())
                                                .then(store.audit()
                                                        .record(new AuditEvent(
                                                                0,
                                                                store.now(),
                                                                principal.toString(),
                                                                "tag.set",
                                                                registry.name(),
                                                                name,
                                                                version,
                                                                "dist-tag " + tag)))
                                                .thenReturn(true)))))
                .then(NpmResponses.json(HttpStatus.CREATED, Map.of("ok", true)));
    }

    Mono<ServerResponse> remove(ServerRequest request, ServedRegistry registry, Principal principal) {
        String name = NpmName.of(request);
        String tag = request.pathVariable(TAG);
        if (tag.equals(NpmStore.LATEST)) {
            throw RequestRefusedException.badRequest("the latest dist-tag cannot be removed: every package has one;"
                    + " move it with npm dist-tag add " + name + "@<version> latest");
        }
        return hosted(registry, name)
                .flatMap(pkg -> tags.list(pkg.id())
                        .filter(candidate -> candidate.name().equals(tag))
                        .next()
                        .switchIfEmpty(Mono.error(() -> RequestRefusedException.notFound(
                                "package " + name + " has no dist-tag '" + NpmName.printable(tag) + "'")))
                        .flatMap(found -> store.locked(
                                pkg.id(),
                                locked -> tags.delete(pkg.id(), tag)
                                        .then(store.audit()
                                                .record(new AuditEvent(
                                                        0,
                                                        store.now(),
                                                        principal.toString(),
                                                        "tag.delete",
                                                        registry.name(),
                                                        name,
                                                        found.version(),
                                                        "dist-tag " + tag)))
                                        .thenReturn(true))))
                .then(NpmResponses.json(HttpStatus.OK, Map.of("ok", true)));
    }

    private Mono<PackageRecord> hosted(ServedRegistry registry, String name) {
        return packages.find(registry.id(), name)
                .filterWhen(pkg -> store.versions(pkg.id()).hasElements())
                .switchIfEmpty(Mono.error(() -> RequestRefusedException.notFound(
                        "registry '" + registry.name() + "' has no package '" + name + "'")));
    }

    /** The version a dist-tag PUT names: a JSON string, as npm sends it. */
    private static String version(byte[] body) {
        if (body.length > MAX_BODY) {
            throw RequestRefusedException.badRequest("the body names a version as a JSON string, such as \"1.2.3\"");
        }
        JsonNode node;
        try {
            node = PublishBody.JSON.readTree(new String(body, StandardCharsets.UTF_8));
        } catch (JacksonException e) {
            throw RequestRefusedException.badRequest("the body names a version as a JSON string, such as \"1.2.3\"");
        }
        if (node == null || !node.isString()) {
            throw RequestRefusedException.badRequest("the body names a version as a JSON string, such as \"1.2.3\"");
        }
        return NpmName.SCHEME.normalizeVersion(node.asString());
    }
}
