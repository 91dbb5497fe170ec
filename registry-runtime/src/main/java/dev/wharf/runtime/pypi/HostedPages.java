package dev.wharf.runtime.pypi;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.wharf.api.v1alpha1.common.Format;
import dev.wharf.runtime.version.VersionSchemes;
import dev.wharf.runtime.web.ServedRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;
import org.springframework.web.util.UriUtils;
import reactor.core.publisher.Mono;

/**
 * The project pages of a registry's own content, rendered from its rows once per change and served from memory: a
 * page is checked against its {@linkplain PypiDistributions.PageStamp stamp} (one small query) at most once per {@link
 * #RECHECK}, and dropped at once when this runtime changes the project (an upload, a copy or delete through the API).
 * A change another replica makes, or a yank through the metadata API, is so served within {@link #RECHECK}; no request
 * in between touches the database. Projects the registry has no content of are remembered the same way, so that a
 * proxy registry's upstream pages do not cost a query either.
 */
final class HostedPages {

    /** How long a page is served before its stamp is read again. */
    static final Duration RECHECK = Duration.ofSeconds(1);

    private static final long MAX_BYTES = 64L * 1024 * 1024;
    private static final int ABSENT_WEIGHT = 64;

    private record Key(long registryId, String project) {}

    /** A page with the stamp it was rendered from, or (page and stamp null) a project without content here. */
    private record Entry(
            PypiDistributions.@Nullable PageStamp stamp,
            @Nullable RenderedPage page,
            long checkedAt) {}

    private final PypiDistributions distributions;
    private final LongSupplier nanos;
    private final Cache<Key, Entry> pages = Caffeine.newBuilder()
            .maximumWeight(MAX_BYTES)
            .<Key, Entry>weigher((key, entry) -> entry.page() == null
                    ? ABSENT_WEIGHT
                    : (int) Math.min(Integer.MAX_VALUE, entry.page().weight()))
            .build();

    HostedPages(PypiDistributions distributions) {
        this(distributions, System::nanoTime);
    }

    HostedPages(PypiDistributions distributions, LongSupplier nanos) {
        this.distributions = distributions;
        this.nanos = nanos;
    }

    /**
     * The page of {@code project} from the registry's own content: the files pushed here, and in a registry without
     * upstreams also those kept from one before. Empty when there are none, so that the upstreams are asked.
     */
    Mono<RenderedPage> page(ServedRegistry registry, String project) {
        Key key = new Key(registry.id(), project);
        Entry cached = pages.getIfPresent(key);
        long now = nanos.getAsLong();
        if (cached != null && now - cached.checkedAt() < RECHECK.toNanos()) {
            return Mono.justOrEmpty(cached.page());
        }
        boolean proxying = !registry.configured().upstreamProxies().isEmpty();
        return distributions
                .stamp(registry.id(), project)
                .filter(stamp -> stamp.hosted() || !proxying)
                .flatMap(stamp -> {
                    if (cached != null && cached.page() != null && stamp.equals(cached.stamp())) {
                        pages.put(key, new Entry(stamp, cached.page(), now));
                        return Mono.just(cached.page());
                    }
                    return render(project, stamp.packageId())
                            .doOnNext(page -> pages.put(key, new Entry(stamp, page, now)));
                })
                .switchIfEmpty(Mono.<RenderedPage>fromRunnable(() -> pages.put(key, new Entry(null, null, now))));
    }

    /** Forgets what is kept of {@code project} in the registry: this runtime has just changed it. */
    void changed(long registryId, String project) {
        pages.invalidate(new Key(registryId, project));
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
                    .sorted(VersionSchemes.of(Format.PYPI))
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
