/** Content-addressed blob storage (sha256) on a filesystem or in S3, streamed in and out with backpressure. */
@NullMarked
package dev.wharf.runtime.storage;

import org.jspecify.annotations.NullMarked;
