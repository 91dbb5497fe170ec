package dev.wharf.runtime.pypi;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.springframework.web.util.HtmlUtils;
import org.springframework.web.util.UriUtils;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * A registry's root page ({@code simple/}: PEP 503's list of projects, PEP 691's {@code projects}), rendered once per
 * change of the list and served from memory: the list is read again at most once per {@link HostedPages#RECHECK}, or
 * at once after this runtime changed a project of the registry; the page (and its entity tag) stays while the list
 * does.
 */
final class ProjectIndex {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int MAX_REGISTRIES = 1024;

    private record Entry(List<String> projects, RenderedPage page, long checkedAt) {}

    private final PypiDistributions distributions;
    private final LongSupplier nanos;
    private final Cache<Long, Entry> indexes =
            Caffeine.newBuilder().maximumSize(MAX_REGISTRIES).build();

    ProjectIndex(PypiDistributions distributions) {
        this(distributions, System::nanoTime);
    }

    ProjectIndex(PypiDistributions distributions, LongSupplier nanos) {
        this.distributions = distributions;
        this.nanos = nanos;
    }

    /** The registry's root page. */
    Mono<RenderedPage> page(long registryId) {
        Entry cached = indexes.getIfPresent(registryId);
        long now = nanos.getAsLong();
        if (cached != null && now - cached.checkedAt() < HostedPages.RECHECK.toNanos()) {
            return Mono.just(cached.page());
        }
        return distributions.projects(registryId).collectList().map(projects -> {
            RenderedPage page = cached != null && cached.projects().equals(projects)
                    ? cached.page()
                    : RenderedPage.rendered(form -> form.json() ? json(projects) : html(projects));
            indexes.put(registryId, new Entry(projects, page, now));
            return page;
        });
    }

    /** Forgets the registry's list: this runtime has just changed one of its projects. */
    void changed(long registryId) {
        indexes.invalidate(registryId);
    }

    static byte[] html(List<String> projects) {
        StringBuilder html = new StringBuilder(256 + projects.size() * 64)
                .append("<!DOCTYPE html>\n<html>\n  <head>\n    <meta name=\"pypi:repository-version\" content=\"")
                .append(ProjectPage.API_VERSION)
                .append("\">\n    <title>Simple index</title>\n  </head>\n  <body>\n");
        for (String project : projects) {
            html.append("    <a href=\"")
                    .append(UriUtils.encodePathSegment(project, StandardCharsets.UTF_8))
                    .append("/\">")
                    .append(HtmlUtils.htmlEscape(project, "UTF-8"))
                    .append("</a><br />\n");
        }
        html.append("  </body>\n</html>\n");
        return html.toString().getBytes(StandardCharsets.UTF_8);
    }

    static byte[] json(List<String> projects) {
        return JSON.writeValueAsBytes(Map.of(
                "meta", Map.of("api-version", ProjectPage.API_VERSION),
                "projects", projects.stream().map(name -> Map.of("name", name)).toList()));
    }
}
