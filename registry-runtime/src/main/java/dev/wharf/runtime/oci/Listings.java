package dev.wharf.runtime.oci;

import dev.wharf.runtime.metadata.Packages;
import dev.wharf.runtime.metadata.TagRecord;
import dev.wharf.runtime.metadata.Tags;
import dev.wharf.runtime.proxy.UpstreamResult;
import dev.wharf.runtime.read.ReadOrigin;
import dev.wharf.runtime.web.ServedRegistry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
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
    private final OciUpstreams upstreams;

    Listings(Packages packages, Tags tags, OciManifests manifests, OciUpstreams upstreams) {
        this.packages = packages;
        this.tags = tags;
        this.manifests = manifests;
        this.upstreams = upstreams;
    }

    /**
     * The repository's tags; in a registry with upstream proxies, together with those of the first upstream that has
     * the repository (its own tags when no upstream can answer).
     */
    Mono<ServerResponse> tags(ServerRequest request, OciRepository repository) {
        Mono<List<String>> local = packages.find(repository.registryId(), repository.name())
                .flatMap(pkg -> tags.list(pkg.id()).map(TagRecord::name).collectList());
        if (!OciUpstreams.proxies(repository.registry())) {
            return local.switchIfEmpty(Mono.error(() -> unknown(repository)))
                    .flatMap(names -> page(request, repository, names, headers -> {}));
        }
        Mono<Optional<UpstreamResult>> upstream = upstreams
                .mutable(repository, "/tags/list", List.of(MediaType.APPLICATION_JSON_VALUE))
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty());
        return local.map(Optional::of)
                .defaultIfEmpty(Optional.empty())
                .flatMap(own -> upstream.onErrorResume(
                                e -> own.isPresent() && OciUpstreams.unavailable(e), e -> Mono.just(Optional.empty()))
                        .flatMap(served -> {
                            if (own.isEmpty() && served.isEmpty()) {
                                return Mono.error(unknown(repository));
                            }
                            Mono<List<String>> theirs =
                                    served.map(TagList::read).orElse(Mono.just(List.of()));
                            return theirs.flatMap(names -> {
                                Set<String> all = new TreeSet<>(names);
                                own.ifPresent(all::addAll);
                                return page(
                                        request,
                                        repository,
                                        List.copyOf(all),
                                        served.map(ReadOrigin::of)
                                                .orElseGet(() -> ReadOrigin.own(
                                                        repository.registry().name(), true))::describe);
                            });
                        }));
    }

    private static OciException unknown(OciRepository repository) {
        return new OciException(
                OciError.NAME_UNKNOWN,
                "registry '" + repository.path().registry() + "' has no repository '" + repository.name()
                        + "'; push an image to create it",
                Map.of("name", repository.path().fullName()));
    }

    private static Mono<ServerResponse> page(
            ServerRequest request, OciRepository repository, List<String> names, Consumer<HttpHeaders> headers) {
        TagPage page = TagPage.of(
                names.stream().sorted().toList(),
                request.queryParam("n").orElse(null),
                request.queryParam("last").orElse(null),
                repository.base() + "/tags/list");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", repository.path().fullName());
        body.put("tags", page.names());
        return respond(page, body, headers);
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
        return respond(page, body, headers -> {});
    }

    private static Mono<ServerResponse> respond(TagPage page, Map<String, Object> body, Consumer<HttpHeaders> headers) {
        ServerResponse.BodyBuilder response =
                ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).headers(headers);
        String link = page.link();
        if (link != null) {
            response.header(HttpHeaders.LINK, link);
        }
        return response.bodyValue(body);
    }
}
