package dev.wharf.runtime.gc;

import java.time.Duration;
import java.time.Instant;

/**
 * What one collection did.
 *
 * @param startedAt when it started
 * @param took how long it ran
 * @param examined unreferenced blobs past their grace that it found
 * @param blobsDeleted blobs whose bytes and rows it deleted (those a claim took back meanwhile are not among them)
 * @param bytesDeleted their size
 * @param finished blobs a collection or purge that stopped half way had marked, completed now
 */
public record CollectionReport(
        Instant startedAt, Duration took, long examined, long blobsDeleted, long bytesDeleted, long finished) {}
