package dev.wharf.runtime.proxy;

import dev.wharf.runtime.storage.Digest;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * What a format asks the upstreams for.
 *
 * @param name the package name, which the upstreams' allow and block globs are matched against
 * @param path the path (and query) the upstreams serve the object under, relative to their base URL, already
 *     encoded, such as {@code /simple/requests/}; each upstream's {@link UpstreamProtocol#path} may
 *     map it; or, when {@code via} is set, the absolute URL of the object
 * @param kind whether the object can change
 * @param accept the {@code Accept} values to send, in order; mutable documents are cached per list
 * @param digest the digest the content must have, when the request names one; the content is checked against it
 * @param file where to record an immutable object in the metadata, as a file that came through the upstream; null to
 *     only store its blob
 * @param via the UpstreamProxy whose document gave the absolute URL {@code path}: only it is asked, and its
 *     credentials go only to its own origin; null for a path every upstream is asked for
 * @param transform what a mutable document becomes before it is cached and served
 * @param check what an immutable object's bytes must pass before they are kept; null for nothing beyond {@code digest}
 */
public record UpstreamRequest(
        String name,
        String path,
        ObjectKind kind,
        List<String> accept,
        @Nullable Digest digest,
        @Nullable CachedFile file,
        @Nullable String via,
        DocumentTransform transform,
        @Nullable ContentCheck check) {

    public UpstreamRequest {
        accept = List.copyOf(accept);
        if (via != null) {
            URI url = absolute(path);
            if (url == null) {
                throw new IllegalArgumentException("the URL '" + path + "' from upstream '" + via
                        + "' is not an absolute http or https URL with a host");
            }
        }
    }

    /** A document that changes, such as a tag list or a package document. */
    public static UpstreamRequest mutable(String name, String path, List<String> accept) {
        return new UpstreamRequest(
                name, path, ObjectKind.MUTABLE, accept, null, null, null, DocumentTransform.IDENTITY, null);
    }

    /** Content that never changes, checked against {@code digest} when given and recorded as {@code file}. */
    public static UpstreamRequest immutable(
            String name, String path, List<String> accept, @Nullable Digest digest, @Nullable CachedFile file) {
        return new UpstreamRequest(
                name, path, ObjectKind.IMMUTABLE, accept, digest, file, null, DocumentTransform.IDENTITY, null);
    }

    /**
     * The same request for the absolute {@code url} that a document of UpstreamProxy {@code upstream} points at (a
     * PyPI file, an npm tarball on a CDN): only that upstream is asked, through its globs, breaker, timeouts and
     * caches, and its credentials are sent only when the URL (or a redirect) is on its own origin.
     *
     * @throws IllegalArgumentException when {@code url} is not an absolute http or https URL
     */
    public UpstreamRequest at(String upstream, URI url) {
        return new UpstreamRequest(name, url.toASCIIString(), kind, accept, digest, file, upstream, transform, check);
    }

    /** The same request, whose document becomes what {@code transform} makes of it before it is cached and served. */
    public UpstreamRequest transformed(DocumentTransform transform) {
        if (kind != ObjectKind.MUTABLE) {
            throw new IllegalArgumentException("only a mutable document is transformed, not " + path);
        }
        if (transform.key().length() > DocumentTransform.MAX_KEY_LENGTH) {
            throw new IllegalArgumentException("the transform key '" + transform.key() + "' is longer than "
                    + DocumentTransform.MAX_KEY_LENGTH + " characters");
        }
        return new UpstreamRequest(name, path, kind, accept, digest, file, via, transform, check);
    }

    /**
     * The same request, whose object is kept only when its bytes pass {@code check} against a companion document of
     * the upstream that served it (its checksum file).
     */
    public UpstreamRequest checked(ContentCheck check) {
        if (kind != ObjectKind.IMMUTABLE) {
            throw new IllegalArgumentException("only an immutable object is checked, not " + path);
        }
        return new UpstreamRequest(name, path, kind, accept, digest, file, via, transform, check);
    }

    /** The path (relative to its base URL) or the absolute URL to ask the upstream with these settings for. */
    String target(UpstreamSettings settings, UpstreamProtocol protocol) {
        return via == null ? protocol.path(settings.base(), this) : path;
    }

    /** The absolute URL of {@link #target}. */
    static URI uri(UpstreamSettings settings, String target) {
        URI url = absolute(target);
        return url != null ? url : settings.resolve(target);
    }

    private static @Nullable URI absolute(String path) {
        try {
            URI url = new URI(path);
            String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && url.getHost() != null ? url : null;
        } catch (java.net.URISyntaxException e) {
            return null;
        }
    }

    /**
     * Where a cached immutable object is recorded, so that it is counted, listed and cleaned up like hosted content.
     *
     * @param packageName the package
     * @param version the version
     * @param path the file's path within the version
     */
    public record CachedFile(String packageName, String version, String path) {}
}
