package dev.wharf.runtime.proxy;

import dev.wharf.api.v1alpha1.common.Format;
import dev.wharf.runtime.storage.Digest;
import java.net.URI;
import java.util.List;
import org.springframework.http.HttpHeaders;

/**
 * What the engine needs to know of a format's upstream protocol: the headers of an upstream's answer worth keeping,
 * what a {@code HEAD} answer must carry to be trusted, how to answer an authentication challenge, and where a request's
 * path is at one upstream. A format supplies one (a Spring bean) for the UpstreamProxies of its format; one it does not
 * supply is {@linkplain #plain plain} HTTP.
 */
public interface UpstreamProtocol {

    /** The headers every protocol keeps: the content type, the validators and the {@code Link} of a paged document. */
    List<String> COMMON_HEADERS =
            List.of(HttpHeaders.CONTENT_TYPE, HttpHeaders.ETAG, HttpHeaders.LAST_MODIFIED, HttpHeaders.LINK);

    /** The format whose UpstreamProxies speak this protocol. */
    Format format();

    /**
     * The response headers kept with a cached object or document and handed to the format, with
     * {@link UpstreamResult#headers}: {@link #COMMON_HEADERS} unless the protocol needs more.
     */
    default List<String> keptHeaders() {
        return COMMON_HEADERS;
    }

    /**
     * Answers the challenge of an upstream's own origin when it answers 401; {@link UpstreamAuthenticator#NONE} (a 401
     * is a failure) unless the protocol has a token exchange. The upstream's credentials are sent as they are
     * ({@code Basic} or {@code Bearer}) to its own origin either way.
     */
    default UpstreamAuthenticator authenticator() {
        return UpstreamAuthenticator.NONE;
    }

    /**
     * Checks an upstream's 200 answer to a {@code HEAD} of an immutable object whose content must have {@code digest};
     * the engine has already checked that it gives a length. Nothing more by default: a {@code GET} checks the bytes.
     *
     * @throws UpstreamFailureException saying what is wrong, giving both sides of a mismatch; the upstream counts as
     *     failed and the next one is asked
     */
    default void checkHead(String upstream, UpstreamRequest request, Digest digest, HttpHeaders headers) {}

    /**
     * The path (and query) to ask the upstream at {@code base} for, relative to it; the request's own path by default.
     */
    default String path(URI base, UpstreamRequest request) {
        return request.path();
    }

    /** The headers of {@link #keptHeaders} that {@code from} has, read-only. */
    default HttpHeaders kept(HttpHeaders from) {
        HttpHeaders kept = new HttpHeaders();
        for (String name : keptHeaders()) {
            List<String> values = from.get(name);
            if (values != null && !values.isEmpty()) {
                kept.put(name, values);
            }
        }
        return HttpHeaders.readOnlyHttpHeaders(kept);
    }

    /** Plain HTTP for {@code format}: the common headers, no token exchange, the request's path as it is. */
    static UpstreamProtocol plain(Format format) {
        return () -> format;
    }
}
