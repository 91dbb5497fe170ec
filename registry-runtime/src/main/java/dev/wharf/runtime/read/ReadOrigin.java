package dev.wharf.runtime.read;

import dev.wharf.runtime.metadata.VersionRecord;
import dev.wharf.runtime.proxy.CacheOutcome;
import dev.wharf.runtime.proxy.UpstreamHeaders;
import dev.wharf.runtime.proxy.UpstreamResult;
import dev.wharf.runtime.web.ServedRegistry;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;

/**
 * Where served content came from: the registry's own content, or an UpstreamProxy (now, from its cache, or stale).
 * {@link #describe} is the one place the {@code X-Wharf-Source} and {@code X-Wharf-Cache} headers are written.
 *
 * @param source the registry's name for its own content, else the UpstreamProxy that gave it
 * @param cache how an upstream's content was served; null for the registry's own
 * @param proxying whether the registry has upstream proxies: a registry without any says nothing of its sources
 * @param firewall the firewall's verdict on it, sent as {@code X-Wharf-Firewall}; null when no policy guards it
 */
public record ReadOrigin(
        String source,
        @Nullable CacheOutcome cache,
        boolean proxying,
        @Nullable String firewall) {

    /** The header carrying the firewall's verdict on proxied content: PASSED, or WARNING with the reason. */
    public static final String FIREWALL = "X-Wharf-Firewall";

    /** An origin no firewall policy has judged. */
    public ReadOrigin(String source, @Nullable CacheOutcome cache, boolean proxying) {
        this(source, cache, proxying, null);
    }

    /** This origin with the firewall's verdict on the content. */
    public ReadOrigin judged(String verdict) {
        return new ReadOrigin(source, cache, proxying, verdict);
    }

    /** The registry's own content (pushed or deployed to it). */
    public static ReadOrigin own(String registry, boolean proxying) {
        return new ReadOrigin(registry, null, proxying);
    }

    /** Content an upstream gave before and the registry kept, served as {@code cache} says. */
    public static ReadOrigin kept(String upstream, CacheOutcome cache) {
        return new ReadOrigin(upstream, cache, true);
    }

    /** Where a stored version of {@code registry} came from: pushed there, or kept from the upstream it names. */
    public static ReadOrigin of(ServedRegistry registry, VersionRecord version) {
        String upstream = version.upstream();
        return upstream == null
                ? own(registry.name(), !registry.configured().upstreamProxies().isEmpty())
                : kept(upstream, CacheOutcome.HIT);
    }

    /** What the upstream engine served. */
    public static ReadOrigin of(UpstreamResult result) {
        return kept(result.upstream(), result.cache());
    }

    /** Whether an upstream gave the content. */
    public boolean upstream() {
        return cache != null;
    }

    /** This origin served stale: kept content given when no upstream could answer. */
    public ReadOrigin stale() {
        return new ReadOrigin(source, CacheOutcome.STALE, proxying, firewall);
    }

    /** Sets the {@code X-Wharf-*} headers, in a registry with upstream proxies. */
    public void describe(HttpHeaders headers) {
        if (!proxying) {
            return;
        }
        headers.set(UpstreamHeaders.SOURCE, source);
        if (cache != null) {
            headers.set(UpstreamHeaders.CACHE, cache.name());
        }
        if (firewall != null) {
            headers.set(FIREWALL, firewall);
        }
    }
}
