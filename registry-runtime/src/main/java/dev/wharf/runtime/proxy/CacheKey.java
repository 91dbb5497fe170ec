package dev.wharf.runtime.proxy;

/**
 * What identifies a cached object: the Registry, its kind and path, and for a mutable document the {@code Accept}
 * list, since an upstream may serve another representation for another list.
 */
record CacheKey(long registryId, ObjectKind kind, String path, String accept) {

    static CacheKey of(long registryId, UpstreamRequest request) {
        String accept = request.kind() == ObjectKind.MUTABLE ? String.join(",", request.accept()) : "";
        return new CacheKey(registryId, request.kind(), request.path(), accept);
    }
}
