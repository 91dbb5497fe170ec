package dev.wharf.runtime.proxy;

import org.springframework.http.HttpHeaders;

/** The headers that tell a client where a response came from: {@code X-Wharf-Source} and {@code X-Wharf-Cache}. */
public final class UpstreamHeaders {

    /** The UpstreamProxy that served the object. */
    public static final String SOURCE = "X-Wharf-Source";

    /** HIT, MISS or STALE. */
    public static final String CACHE = "X-Wharf-Cache";

    private UpstreamHeaders() {}

    /** Sets both headers of {@code result} on {@code headers}. */
    public static void apply(UpstreamResult result, HttpHeaders headers) {
        headers.set(SOURCE, result.upstream());
        headers.set(CACHE, result.cache().name());
    }
}
