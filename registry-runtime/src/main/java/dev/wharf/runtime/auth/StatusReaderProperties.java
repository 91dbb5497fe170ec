package dev.wharf.runtime.auth;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the Wharf operator authenticates to the status endpoint, under {@code wharf.status.*}.
 *
 * @param credentialFile File holding the Bearer credential that lets the operator read {@code /api/v1/status} and
 *     nothing else; the operator mounts it from the Registry's status Secret. Unset (local mode), only API tokens and
 *     users may read the status.
 */
@ConfigurationProperties("wharf.status")
public record StatusReaderProperties(@Nullable Path credentialFile) {}
