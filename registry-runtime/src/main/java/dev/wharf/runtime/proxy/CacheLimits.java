package dev.wharf.runtime.proxy;

/**
 * How much of the upstreams' mutable documents is kept, in memory and in the metadata database.
 *
 * @param maxDocumentBytes the largest document accepted from an upstream; a larger one is a failure of the upstream
 * @param documentCacheBytes the most bytes of documents kept in memory at once; the least used go first
 * @param persistedBytes the most bytes of documents kept in the metadata database (table {@code proxy_document}), so
 *     that they survive a restart; those past {@code maxStale} go first, then the longest unchecked
 */
public record CacheLimits(int maxDocumentBytes, long documentCacheBytes, long persistedBytes) {

    /** 32 MiB per document (large npm package documents), 256 MiB in memory, 1 GiB in the database. */
    public static final CacheLimits DEFAULT = new CacheLimits(32 << 20, 256L << 20, 1L << 30);

    public CacheLimits {
        if (maxDocumentBytes < 1 || documentCacheBytes < maxDocumentBytes) {
            throw new IllegalArgumentException("the document cache (" + documentCacheBytes
                    + " bytes) must hold at least one document of the largest size (" + maxDocumentBytes + " bytes)");
        }
        if (persistedBytes < maxDocumentBytes) {
            throw new IllegalArgumentException("the persisted documents (" + persistedBytes
                    + " bytes) must hold at least one document of the largest size (" + maxDocumentBytes + " bytes)");
        }
    }
}
