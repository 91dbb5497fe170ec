package dev.wharf.runtime.oci;

import dev.wharf.runtime.metadata.OciManifests;
import dev.wharf.runtime.metadata.Packages;
import dev.wharf.runtime.metadata.TagRecord;
import dev.wharf.runtime.metadata.Tags;
import dev.wharf.runtime.web.ServedRegistry;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@code GET /v2/<registry>/<name>/tags/list}, {@code GET /v2/<registry>/_catalog} and {@code GET /v2/_catalog}: the
 * tags of a repository, the repositories of a registry, and those of every docker registry the caller may read (named
 * {@code <registry>/<name>}, as clients pull them), in lexical order, a page at a time with {@code ?n=&last=} and a
 * {@code Link} header to the next page.
 */
final class Listings {

    private final Packages packages;
    private final Tags tags;
    private final OciManifests manifests;

    Listings(Packages packages, Tags tags, OciManifests manifests) {
        this.packages = packages;
        this.tags = tags;
        this.manifests = manifests;
    }

    Mono<ServerResponse> tags(ServerRequest request, OciRepository repository) {
        return packages.find(repository.registryId(), repository.name())
                .switchIfEmpty(Mono.error(() -> new OciException(
                        OciError.NAME_UNKNOWN,
                        "registry '" + repository.path().registry() + "' has no repository '" + repository.name()
                                + "'; push an image to create it",
                        Map.of("name", repository.path().fullName()))))
                .flatMap(pkg -> tags.list(pkg.id()).map(TagRecord::name).collectSortedList())
                .flatMap(names -> {
                    TagPage page = TagPage.of(
                            names,
                            request.queryParam("n").orElse(null),
                            request.queryParam("last").orElse(null),
                            repository.base() + "/tags/list");
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("name", repository.path().fullName());
                    body.put("tags", page.names());
                    return respond(page, body);
                });
    }

    Mono<ServerResponse> catalog(ServerRequest request, OciRepository registry) {
        String prefix = registry.path().registry() + "/";
        String last = request.queryParam("last")
                .map(value -> value.startsWith(prefix) ? value.substring(prefix.length()) : value)
                .orElse("");
        String n = request.queryParam("n").orElse(null);
        return manifests
                .repositories(registry.registryId(), last, TagPage.MAX_PAGE + 1)
                .map(name -> prefix + name)
                .collectList()
                .flatMap(names -> {
                    TagPage page = TagPage.of(names, n, null, "/v2/" + prefix + "_catalog");
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("repositories", page.names());
                    return respond(page, body);
                });
    }

    /**
     * {@code GET /v2/_catalog}: the repositories of every registry in {@code readable} (the docker registries the
     * caller may read), named {@code <registry>/<name>}, in lexical order, paged as one list.
     */
    Mono<ServerResponse> catalogOfAll(ServerRequest request, Flux<ServedRegistry> readable) {
        String last = request.queryParam("last").orElse("");
        String n = request.queryParam("n").orElse(null);
        return readable.concatMap(registry -> {
                    String prefix = registry.name() + "/";
                    String after;
                    if (last.compareTo(prefix) < 0) {
                        after = "";
                    } else if (last.startsWith(prefix)) {
                        after = last.substring(prefix.length());
                    } else {
                        return Flux.empty();
                    }
                    return manifests
                            .repositories(registry.id(), after, TagPage.MAX_PAGE + 1)
                            .map(name -> prefix + name);
                })
                .collectSortedList()
                .flatMap(names -> {
                    TagPage page = TagPage.of(names, n, null, "/v2/_catalog");
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("repositories", page.names());
                    return respond(page, body);
                });
    }

    private static Mono<ServerResponse> respond(TagPage page, Map<String, Object> body) {
        ServerResponse.BodyBuilder response = ServerResponse.ok().contentType(MediaType.APPLICATION_JSON);
        String link = page.link();
        if (link != null) {
            response.header(HttpHeaders.LINK, link);
        }
        return response.bodyValue(body);
    }
}
