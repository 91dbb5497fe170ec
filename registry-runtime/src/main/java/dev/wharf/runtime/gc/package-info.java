/**
 * Blob garbage collection: blobs no file and no format's row references, and that nothing claimed within a grace
 * period, are deleted from every store and from the metadata, on a schedule and on demand ({@link BlobCollector}).
 */
@NullMarked
package dev.wharf.runtime.gc;

import org.jspecify.annotations.NullMarked;
