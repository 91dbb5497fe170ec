package dev.wharf.runtime.npm;

import dev.wharf.runtime.auth.Principal;
import dev.wharf.runtime.metadata.PackageQuery;
import dev.wharf.runtime.metadata.PackageRecord;
import dev.wharf.runtime.metadata.Packages;
import dev.wharf.runtime.metadata.Tags;
import dev.wharf.runtime.web.RequestRefusedException;
import dev.wharf.runtime.web.ServedRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * {@code npm search}: {@code GET /-/v1/search?text=&size=&from=} over the packages hosted here (names containing the
 * text, ignoring case, by name), answered in the registry's search shape: {@code objects} of {@code package} (name,
 * version, description, keywords, date, publisher) and {@code score}, with {@code total}. Packages only cached from an
 * upstream are not searched: the upstream is the place to search them.
 */
final class NpmSearch {

    /** The most results one search looks at, as the public registry's limit of 250 a page allows. */
    static final int MAX_SCANNED = PackageQuery.MAX_PAGE_SIZE;

    private static final int MAX_SIZE = 250;
    private static final int DEFAULT_SIZE = 20;
    private static final int MAX_TEXT = 256;

    private final Packages packages;
    private final Tags tags;
    private final NpmStore store;
    private final Clock clock;

    NpmSearch(Packages packages, Tags tags, NpmStore store, Clock clock) {
        this.packages = packages;
        this.tags = tags;
        this.store = store;
        this.clock = clock;
    }

    Mono<ServerResponse> search(ServerRequest request, ServedRegistry registry, Principal principal) {
        String text = request.queryParam("text").orElse("").strip();
        if (text.length() > MAX_TEXT) {
            throw RequestRefusedException.badRequest("the search text is longer than " + MAX_TEXT + " characters");
        }
        int size = number(request, "size", DEFAULT_SIZE, 1, MAX_SIZE);
        int from = number(request, "from", 0, 0, MAX_SCANNED - 1);
        PackageQuery query =
                new PackageQuery(text.isEmpty() ? null : text, PackageQuery.Sort.NAME, false, 0, MAX_SCANNED);
        return packages.list(registry.id(), query)
                .flatMapMany(page -> Flux.fromIterable(page.items()))
                .concatMap(pkg -> found(pkg).flux())
                .collectList()
                .flatMap(all -> {
                    List<Map<String, Object>> objects =
                            all.subList(Math.min(from, all.size()), Math.min(from + size, all.size()));
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("objects", objects);
                    body.put("total", all.size());
                    body.put("time", clock.instant().toString());
                    return NpmResponses.json(HttpStatus.OK, body);
                });
    }

    /** The package's search object, from its latest hosted version; empty when it has none here. */
    private Mono<Map<String, Object>> found(PackageRecord pkg) {
        return store.versions(pkg.id())
                .collectList()
                .filter(versions -> !versions.isEmpty())
                .flatMap(versions -> tags.list(pkg.id())
                        .filter(tag -> tag.name().equals(NpmStore.LATEST))
                        .map(tag -> tag.version())
                        .next()
                        .defaultIfEmpty(versions.getLast().version())
                        .map(latest -> {
                            NpmVersionRow row = versions.stream()
                                    .filter(version -> version.version().equals(latest))
                                    .findFirst()
                                    .orElse(versions.getLast());
                            return object(pkg.name(), row);
                        }));
    }

    private static Map<String, Object> object(String name, NpmVersionRow row) {
        JsonNode manifest = PublishBody.JSON.readTree(row.manifest());
        Map<String, Object> found = new LinkedHashMap<>();
        found.put("name", name);
        found.put("scope", name.startsWith("@") ? name.substring(1, name.indexOf('/')) : "unscoped");
        found.put("version", row.version());
        found.put("description", manifest.path("description").asString(""));
        List<String> keywords = new ArrayList<>();
        if (manifest.path("keywords").isArray()) {
            for (JsonNode keyword : manifest.path("keywords")) {
                keywords.add(keyword.asString(""));
            }
        }
        found.put("keywords", keywords);
        found.put("date", row.publishedAt().toString());
        String publisher = manifest.path("_npmUser").path("name").asString("");
        if (!publisher.isEmpty()) {
            found.put("publisher", Map.of("username", publisher));
        }
        found.put("maintainers", publisher.isEmpty() ? List.of() : List.of(Map.of("username", publisher)));
        found.put("links", Map.of());
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("package", found);
        object.put(
                "score", Map.of("final", 1.0, "detail", Map.of("quality", 1.0, "popularity", 1.0, "maintenance", 1.0)));
        object.put("searchScore", 1.0);
        return object;
    }

    private static int number(ServerRequest request, String name, int fallback, int min, int max) {
        String value = request.queryParam(name).orElse("");
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            int number = Integer.parseInt(value);
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw RequestRefusedException.badRequest("the search's " + name + " must be a whole number from " + min + " to "
                + max + ", not '" + NpmName.printable(value) + "'");
    }
}
