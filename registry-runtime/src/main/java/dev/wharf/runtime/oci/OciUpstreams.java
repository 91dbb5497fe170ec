package dev.wharf.runtime.oci;

import dev.wharf.runtime.proxy.UpstreamEngine;
import dev.wharf.runtime.proxy.UpstreamFailureException;
import dev.wharf.runtime.proxy.UpstreamRequest;
import dev.wharf.runtime.proxy.UpstreamResult;
import dev.wharf.runtime.storage.Digest;
import dev.wharf.runtime.web.ServedRegistry;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * The docker format's requests to its Registry's UpstreamProxies through the shared {@link UpstreamEngine}: the path
 * of each endpoint ({@code <url>/v2/<name>/...}, an upstream's URL being its host), Docker Hub's {@code library/}
 * prefix for single-component names.
 */
final class OciUpstreams {

    /** The hosts of Docker Hub, which serves its official images as {@code library/<name>}. */
    static final Set<String> DOCKER_HUB = Set.of("registry-1.docker.io", "docker.io", "index.docker.io");

    private final UpstreamEngine engine;

    OciUpstreams(UpstreamEngine engine) {
        this.engine = engine;
    }

    /** Whether the registry pulls through upstream proxies. */
    static boolean proxies(ServedRegistry registry) {
        return !registry.configured().upstreamProxies().isEmpty();
    }

    /**
     * A tag list or a manifest by tag: re-checked after the upstream's metadata TTL.
     *
     * @param endpoint the path after the repository's name, such as {@code /manifests/latest}
     * @return empty when no upstream has it; an UNAVAILABLE naming each upstream's failure when none could answer
     */
    Mono<UpstreamResult> mutable(OciRepository repository, String endpoint, List<String> accept) {
        return fetch(repository, request(repository.name(), endpoint, accept, null));
    }

    /**
     * A tag list or a manifest by tag cached under any {@code Accept} list, within its upstream's metadata TTL, that
     * {@code wanted} takes; asks no upstream.
     */
    Mono<UpstreamResult> cached(
            OciRepository repository, String endpoint, List<String> accept, Predicate<UpstreamResult> wanted) {
        return engine.cachedDocument(repository.registry(), request(repository.name(), endpoint, accept, null), wanted);
    }

    /** A blob or a manifest by digest: fetched once, checked against {@code digest}, kept. */
    Mono<UpstreamResult> immutable(OciRepository repository, String endpoint, List<String> accept, Digest digest) {
        return fetch(repository, request(repository.name(), endpoint, accept, digest));
    }

    /**
     * A blob fetched once, checked against {@code digest} and kept, whose bytes this caller gets as they arrive when
     * its miss fetches it ({@link UpstreamEngine#stream}); the body must be read.
     */
    Mono<UpstreamResult> stream(OciRepository repository, String endpoint, Digest digest) {
        return unavailable(
                repository,
                engine.stream(repository.registry(), request(repository.name(), endpoint, List.of(), digest)));
    }

    /**
     * What a HEAD of a blob or a manifest by digest answers, without fetching it: its length and headers, from the
     * upstreams' answers to HEAD requests (or from the cache).
     */
    Mono<UpstreamResult> head(OciRepository repository, String endpoint, List<String> accept, Digest digest) {
        return unavailable(
                repository, engine.head(repository.registry(), request(repository.name(), endpoint, accept, digest)));
    }

    /**
     * The request for {@code endpoint} of repository {@code name}: immutable when {@code digest} names its content. Each
     * upstream is asked for its own name of the repository ({@link OciUpstreamProtocol#path}).
     */
    static UpstreamRequest request(String name, String endpoint, List<String> accept, @Nullable Digest digest) {
        String path = "/v2/" + name + endpoint;
        return digest == null
                ? UpstreamRequest.mutable(name, path, accept)
                : UpstreamRequest.immutable(name, path, accept, digest, null);
    }

    private Mono<UpstreamResult> fetch(OciRepository repository, UpstreamRequest request) {
        return unavailable(repository, engine.fetch(repository.registry(), request));
    }

    /** {@code result}, whose {@link UpstreamFailureException} becomes the OCI UNAVAILABLE error. */
    private static Mono<UpstreamResult> unavailable(OciRepository repository, Mono<UpstreamResult> result) {
        return result.onErrorMap(
                UpstreamFailureException.class,
                e -> new OciException(
                        OciError.UNAVAILABLE,
                        "no upstream of registry '"
                                + repository.registry().name() + "' could serve "
                                + repository.path().fullName() + ", and nothing cached may be: "
                                + e.getMessage()));
    }

    /** The repository's name at the upstream at {@code base}: {@code library/<name>} for Docker Hub's official images. */
    static String upstreamName(URI base, String name) {
        String host = base.getHost() == null ? "" : base.getHost().toLowerCase(Locale.ROOT);
        return DOCKER_HUB.contains(host) && name.indexOf('/') < 0 ? "library/" + name : name;
    }

    /** Whether the error says no upstream could answer (rather than that none has the object). */
    static boolean unavailable(Throwable error) {
        return error instanceof OciException oci && oci.error() == OciError.UNAVAILABLE;
    }
}
