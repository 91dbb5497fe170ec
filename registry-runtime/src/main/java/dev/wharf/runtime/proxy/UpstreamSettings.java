package dev.wharf.runtime.proxy;

import dev.wharf.api.v1alpha1.upstream.Cache;
import dev.wharf.api.v1alpha1.upstream.CircuitBreaker;
import dev.wharf.api.v1alpha1.upstream.Timeouts;
import dev.wharf.api.v1alpha1.upstream.UpstreamProxySpec;
import dev.wharf.runtime.config.ConfiguredUpstreamProxy;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * An UpstreamProxy's spec with its defaults applied and its durations and globs parsed.
 *
 * @param name the UpstreamProxy's name
 * @param base its base URL, without a trailing slash
 * @param credentialsSecret the Secret holding its credentials; null for anonymous access
 * @param metadataTtl how long a mutable document is served before it is re-checked
 * @param negativeTtl how long a "not found" is remembered
 * @param maxStale how long past its TTL a document may be served while the upstream cannot answer
 * @param failures consecutive failures that open the circuit breaker
 * @param openFor how long the breaker stays open before one probe
 * @param connectTimeout time to connect
 * @param responseTimeout time to the first byte of a response, and between reads
 * @param names the package names it may serve
 * @param offline whether it is never contacted
 * @param fileHosts the other hosts its documents may point files at
 */
record UpstreamSettings(
        String name,
        URI base,
        @Nullable String credentialsSecret,
        Duration metadataTtl,
        Duration negativeTtl,
        Duration maxStale,
        int failures,
        Duration openFor,
        Duration connectTimeout,
        Duration responseTimeout,
        NameFilter names,
        boolean offline,
        List<Pattern> fileHosts) {

    static final Duration DEFAULT_METADATA_TTL = Duration.ofMinutes(10);
    static final Duration DEFAULT_NEGATIVE_TTL = Duration.ofMinutes(1);
    static final Duration DEFAULT_MAX_STALE = Duration.ofDays(7);
    static final int DEFAULT_FAILURES = 5;
    static final Duration DEFAULT_OPEN_FOR = Duration.ofSeconds(30);
    static final Duration DEFAULT_CONNECT = Duration.ofSeconds(5);
    static final Duration DEFAULT_RESPONSE = Duration.ofSeconds(30);

    /**
     * The settings of a loaded UpstreamProxy.
     *
     * @throws IllegalArgumentException naming the field when a duration or the URL cannot be read
     */
    static UpstreamSettings of(ConfiguredUpstreamProxy proxy) {
        UpstreamProxySpec spec = proxy.spec();
        Cache cache = spec.cache() == null ? new Cache(null, null, null) : spec.cache();
        CircuitBreaker breaker = spec.circuitBreaker() == null ? new CircuitBreaker(null, null) : spec.circuitBreaker();
        Timeouts timeouts = spec.timeouts() == null ? new Timeouts(null, null) : spec.timeouts();
        String url = spec.url();
        while (url.endsWith("/")) {
            url = url.substring(0, url.length() - 1);
        }
        Integer failures = breaker.failures();
        return new UpstreamSettings(
                proxy.name(),
                URI.create(url),
                spec.credentialsSecret(),
                Durations.parse("spec.cache.metadataTTL", cache.metadataTTL(), DEFAULT_METADATA_TTL),
                Durations.parse("spec.cache.negativeTTL", cache.negativeTTL(), DEFAULT_NEGATIVE_TTL),
                Durations.parse("spec.cache.maxStale", cache.maxStale(), DEFAULT_MAX_STALE),
                failures == null ? DEFAULT_FAILURES : failures,
                Durations.parse("spec.circuitBreaker.openFor", breaker.openFor(), DEFAULT_OPEN_FOR),
                Durations.parse("spec.timeouts.connect", timeouts.connect(), DEFAULT_CONNECT),
                Durations.parse("spec.timeouts.response", timeouts.response(), DEFAULT_RESPONSE),
                new NameFilter(spec.allow(), spec.block()),
                Boolean.TRUE.equals(spec.offline()),
                spec.fileHosts() == null
                        ? List.of()
                        : spec.fileHosts().stream()
                                .map(glob -> NameFilter.compile(glob.toLowerCase(Locale.ROOT)))
                                .toList());
    }

    /** The absolute URL of {@code path}, a path (and query) relative to the base URL. */
    URI resolve(String path) {
        return URI.create(base + (path.startsWith("/") ? path : "/" + path));
    }

    /** Whether {@code uri} has the base URL's scheme, host and port, so that credentials may be sent to it. */
    boolean sameOrigin(URI uri) {
        return base.getScheme().equalsIgnoreCase(String.valueOf(uri.getScheme()))
                && base.getHost().equalsIgnoreCase(String.valueOf(uri.getHost()))
                && port(base) == port(uri);
    }

    /**
     * Whether a document of this upstream may point a file at {@code uri}: on the upstream's own host (any port), or
     * on one of its file hosts.
     */
    boolean mayPointAt(URI uri) {
        String host = String.valueOf(uri.getHost()).toLowerCase(Locale.ROOT);
        return host.equalsIgnoreCase(base.getHost())
                || fileHosts.stream().anyMatch(glob -> glob.matcher(host).matches());
    }

    private static int port(URI uri) {
        if (uri.getPort() != -1) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }
}
