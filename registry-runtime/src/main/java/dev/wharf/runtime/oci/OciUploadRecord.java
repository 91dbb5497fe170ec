package dev.wharf.runtime.oci;

import java.time.Instant;

/**
 * A blob upload in progress in an OCI repository.
 *
 * @param id the session id, the last segment of its URL
 * @param registryId the registry's row id
 * @param repository the repository it uploads to
 * @param sizeBytes how many bytes it holds so far
 * @param createdAt when it started
 * @param updatedAt when it last received bytes
 */
public record OciUploadRecord(
        String id, long registryId, String repository, long sizeBytes, Instant createdAt, Instant updatedAt) {}
