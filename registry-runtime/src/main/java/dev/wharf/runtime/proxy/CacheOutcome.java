package dev.wharf.runtime.proxy;

import java.util.Locale;

/** How a result was served, sent as the {@code X-Wharf-Cache} header. */
public enum CacheOutcome {
    /** From the cache, within its TTL (or re-checked with the upstream, which said it had not changed). */
    HIT,
    /** Fetched from the upstream now. */
    MISS,
    /** From the cache past its TTL, because no upstream could be asked or answered in time. */
    STALE;

    /** The lower-case name, for metric tags. */
    String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
