package dev.wharf.runtime.pypi;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.wharf.runtime.web.ServedRegistry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.util.UriUtils;
import reactor.core.publisher.Mono;

/**
 * The project pages of a registry's own content, rendered from its rows and kept in memory until a file, version or
 * yank of the project changes (its {@linkplain PypiDistributions.PageStamp stamp}, one small query per request, so that
 * replicas on one database agree at once).
 */
final class HostedPages {

    private static final long MAX_BYTES = 64L * 1024 * 1024;

    private record Key(long registryId, String project) {}

    private record Entry(PypiDistributions.PageStamp stamp, RenderedPage page) {}

    private final PypiDistributions distributions;
    private final Cache<Key, Entry> pages = Caffeine.newBuilder()
            .maximumWeight(MAX_BYTES)
            .<Key, Entry>weigher((key, entry) ->
                    (int) Math.min(Integer.MAX_VALUE, entry.page().weight()))
            .build();

    HostedPages(PypiDistributions distributions) {
        this.distributions = distributions;
    }

    /**
     * The page of {@code project} from the registry's own content: the files pushed here, and in a registry without
     * upstreams also those kept from one before. Empty when there are none, so that the upstreams are asked.
     */
    Mono<RenderedPage> page(ServedRegistry registry, String project) {
        boolean proxying = !registry.configured().upstreamProxies().isEmpty();
        return distributions
                .stamp(registry.id(), project)
                .filter(stamp -> stamp.hosted() || !proxying)
                .flatMap(stamp -> {
                    Key key = new Key(registry.id(), project);
                    Entry cached = pages.getIfPresent(key);
                    if (cached != null && cached.stamp().equals(stamp)) {
                        return Mono.just(cached.page());
                    }
                    return render(project, stamp.packageId()).doOnNext(page -> pages.put(key, new Entry(stamp, page)));
                });
    }

    private Mono<RenderedPage> render(String project, long packageId) {
        return distributions.files(packageId).collectList().map(files -> {
            List<ProjectPage.Link> links = new ArrayList<>();
            for (PypiDistributions.StoredDistribution file : files) {
                Map<String, String> metadata =
                        file.metadataSha256() == null ? null : Map.of("sha256", file.metadataSha256());
                links.add(new ProjectPage.Link(
                        file.filename(),
                        file.version(),
                        fileUrl(project, file.version(), file.filename()),
                        null,
                        new LinkedHashMap<>(Map.of("sha256", file.sha256())),
                        file.requiresPython(),
                        file.yanked(),
                        metadata,
                        file.size(),
                        ProjectPage.uploadTime(file.uploadedAt())));
            }
            List<String> versions = ProjectPage.versionsOf(links).stream()
                    .sorted(dev.wharf.runtime.version.VersionSchemes.of(dev.wharf.api.v1alpha1.common.Format.PYPI))
                    .toList();
            return RenderedPage.of(new ProjectPage(project, versions, links));
        });
    }

    /** A file's URL relative to its project page ({@code /pypi/<registry>/simple/<project>/}). */
    static String fileUrl(String project, String version, String filename) {
        return "../../files/" + segment(project) + "/" + segment(version) + "/" + segment(filename);
    }

    private static String segment(String value) {
        return UriUtils.encodePathSegment(value, StandardCharsets.UTF_8);
    }
}
