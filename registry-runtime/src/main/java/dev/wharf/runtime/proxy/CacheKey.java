package dev.wharf.runtime.proxy;

/**
 * What identifies a cached object: the Registry, its kind and path, and for a mutable document the {@code Accept}
 * list, since an upstream may serve another representation for another list, and the {@link DocumentTransform#key}
 * (empty for the identity), since a transform whose output depends on the request (npm's tarball URLs, under the URL
 * the client reached) makes one document per such request, each cached beside the others.
 */
record CacheKey(long registryId, ObjectKind kind, String path, String accept, String transform) {

    static CacheKey of(long registryId, UpstreamRequest request) {
        if (request.kind() != ObjectKind.MUTABLE) {
            return new CacheKey(registryId, request.kind(), request.path(), "", "");
        }
        DocumentTransform transform = request.transform();
        return new CacheKey(
                registryId,
                request.kind(),
                request.path(),
                String.join(",", request.accept()),
                DocumentTransform.IDENTITY.equals(transform) ? "" : transform.key());
    }
}
