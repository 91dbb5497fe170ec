package dev.wharf.runtime;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The runtime's own settings, under {@code wharf.*}.
 *
 * @param configDir Directory of the Registry, UpstreamProxy, CleanupPolicy and FirewallPolicy manifests to serve.
 *     When unset, the runtime chooses its default.
 * @param dataDir Directory for filesystem blob storage and the embedded database.
 */
@ConfigurationProperties("wharf")
public record WharfProperties(
        @Nullable Path configDir,
        @DefaultValue("wharf-data") Path dataDir) {}
