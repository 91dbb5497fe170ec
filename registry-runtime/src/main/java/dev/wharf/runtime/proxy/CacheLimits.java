package dev.wharf.runtime.proxy;

/**
 * How much of the upstreams' mutable documents is kept in memory.
 *
 * @param maxDocumentBytes the largest document accepted from an upstream; a larger one is a failure of the upstream
 * @param documentCacheBytes the most bytes of documents kept in memory at once; the least used go first
 */
public record CacheLimits(int maxDocumentBytes, long documentCacheBytes) {

    /** 32 MiB per document (large npm package documents), 256 MiB in all. */
    public static final CacheLimits DEFAULT = new CacheLimits(32 << 20, 256L << 20);

    public CacheLimits {
        if (maxDocumentBytes < 1 || documentCacheBytes < maxDocumentBytes) {
            throw new IllegalArgumentException("the document cache (" + documentCacheBytes
                    + " bytes) must hold at least one document of the largest size (" + maxDocumentBytes + " bytes)");
        }
    }
}
