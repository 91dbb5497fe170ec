package dev.wharf.runtime.web;

import dev.wharf.api.v1alpha1.registry.Expose;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.util.ForwardedHeaderUtils;
import org.springframework.web.util.UriComponents;

/**
 * The URL a client reached the runtime at, for the links a format writes into its documents (npm's tarball URLs):
 * what a trusted proxy says in {@code Forwarded} or {@code X-Forwarded-Proto}, {@code -Host}, {@code -Port} and
 * {@code -Prefix}; else the Registry's {@code spec.expose} URL when the request came to its host (so that the scheme
 * is the one the ingress serves); else the request's own scheme and {@code Host}.
 */
public final class PublicUrls {

    private static final Pattern HOST =
            Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?|\\[[0-9A-Fa-f:.]{2,45}]");
    private static final Pattern PREFIX = Pattern.compile("(/[A-Za-z0-9._~!$&'()*+,;=:@%-]+){1,16}/?");
    private static final String PREFIX_HEADER = "X-Forwarded-Prefix";

    private final List<AddressRange> trusted;

    public PublicUrls(ForwardedProperties properties) {
        this.trusted =
                properties.trustedProxies().stream().map(AddressRange::parse).toList();
    }

    /**
     * The URL the client reached the runtime at, without a trailing slash: {@code <scheme>://<host>[:<port>][<prefix>]},
     * such as {@code https://npm.example.com} or {@code http://localhost:8080}. A format appends its own path.
     */
    public String base(ServerRequest request, ServedRegistry registry) {
        URI uri = request.uri();
        if (fromTrustedProxy(request)) {
            String forwarded = forwarded(uri, request.headers().asHttpHeaders());
            if (forwarded != null) {
                return forwarded;
            }
        }
        Expose expose = registry.configured().spec().expose();
        if (expose != null && expose.host().equalsIgnoreCase(String.valueOf(uri.getHost()))) {
            return (expose.tls() == null ? "http://" : "https://")
                    + expose.host().toLowerCase(Locale.ROOT);
        }
        return uri.getScheme() + "://" + uri.getRawAuthority();
    }

    private boolean fromTrustedProxy(ServerRequest request) {
        if (trusted.isEmpty()) {
            return false;
        }
        InetAddress peer =
                request.remoteAddress().map(InetSocketAddress::getAddress).orElse(null);
        return peer != null && trusted.stream().anyMatch(range -> range.contains(peer));
    }

    /** What the proxy's headers say; null when they say nothing, or nothing that can be written in a URL. */
    private static @Nullable String forwarded(URI uri, HttpHeaders headers) {
        String prefix = prefix(headers);
        boolean says = prefix != null
                || headers.containsHeader("Forwarded")
                || headers.containsHeader("X-Forwarded-Host")
                || headers.containsHeader("X-Forwarded-Proto")
                || headers.containsHeader("X-Forwarded-Port")
                || headers.containsHeader("X-Forwarded-Ssl");
        if (!says) {
            return null;
        }
        UriComponents adapted;
        try {
            adapted =
                    ForwardedHeaderUtils.adaptFromForwardedHeaders(uri, headers).build();
        } catch (RuntimeException e) {
            return null;
        }
        String scheme = String.valueOf(adapted.getScheme()).toLowerCase(Locale.ROOT);
        String host = adapted.getHost();
        if (!(scheme.equals("http") || scheme.equals("https"))
                || host == null
                || !HOST.matcher(host).matches()) {
            return null;
        }
        int port = adapted.getPort();
        boolean defaultPort =
                port < 0 || (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
        return scheme + "://" + host.toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port)
                + (prefix == null ? "" : prefix);
    }

    /** The first {@code X-Forwarded-Prefix}, without a trailing slash; null when there is none or it is not a path. */
    private static @Nullable String prefix(HttpHeaders headers) {
        String value = headers.getFirst(PREFIX_HEADER);
        if (value == null) {
            return null;
        }
        int comma = value.indexOf(',');
        String first = (comma < 0 ? value : value.substring(0, comma)).strip();
        if (!PREFIX.matcher(first).matches()) {
            return null;
        }
        return first.endsWith("/") ? first.substring(0, first.length() - 1) : first;
    }
}
