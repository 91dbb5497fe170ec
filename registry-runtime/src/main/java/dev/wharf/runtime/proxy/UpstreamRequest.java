package dev.wharf.runtime.proxy;

import dev.wharf.runtime.storage.Digest;
import java.net.URI;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a format asks the upstreams for.
 *
 * @param name the package name, which the upstreams' allow and block globs are matched against
 * @param path the path (and query) the upstreams serve the object under, relative to their base URL, already
 *     encoded, such as {@code /v2/library/alpine/manifests/3.20}
 * @param kind whether the object can change
 * @param accept the {@code Accept} values to send, in order; mutable documents are cached per list
 * @param digest the digest the content must have, when the request names one; the content is checked against it
 * @param file where to record an immutable object in the metadata, as a file that came through the upstream; null to
 *     only store its blob
 * @param rewrite the path to ask one upstream for, given its base URL; the identity for most requests (Docker Hub names
 *     its official images {@code library/<name>}, which no other registry does)
 */
public record UpstreamRequest(
        String name,
        String path,
        ObjectKind kind,
        List<String> accept,
        @Nullable Digest digest,
        @Nullable CachedFile file,
        Rewrite rewrite) {

    /** The path one upstream serves the object under, from its base URL and the request's path. */
    @FunctionalInterface
    public interface Rewrite {

        /** The path (and query) to ask the upstream at {@code base} for, relative to it. */
        String path(URI base, String path);
    }

    private static final Rewrite SAME_PATH = (base, path) -> path;

    public UpstreamRequest {
        accept = List.copyOf(accept);
    }

    /** The same request, asking each upstream for the path {@code rewrite} makes for it. */
    public UpstreamRequest rewritten(Rewrite rewrite) {
        return new UpstreamRequest(name, path, kind, accept, digest, file, rewrite);
    }

    /** The path to ask the upstream at {@code base} for. */
    String pathAt(URI base) {
        return rewrite.path(base, path);
    }

    /** A document that changes, such as a tag list or a package document. */
    public static UpstreamRequest mutable(String name, String path, List<String> accept) {
        return new UpstreamRequest(name, path, ObjectKind.MUTABLE, accept, null, null, SAME_PATH);
    }

    /** Content that never changes, checked against {@code digest} when given and recorded as {@code file}. */
    public static UpstreamRequest immutable(
            String name, String path, List<String> accept, @Nullable Digest digest, @Nullable CachedFile file) {
        return new UpstreamRequest(name, path, ObjectKind.IMMUTABLE, accept, digest, file, SAME_PATH);
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
