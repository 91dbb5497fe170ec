package dev.wharf.runtime.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the configuration directory is watched for changes, under {@code wharf.config-watch.*}.
 *
 * @param enabled Whether to reload the configuration when the directory changes.
 * @param debounce How long the directory must be quiet after a change before it is read again, so that an editor's or
 *     the kubelet's several steps are read once.
 * @param rescanInterval How often the directory is read again whatever the file-change events said, since some volumes
 *     (network filesystems, some container runtimes) do not report every change.
 */
@ConfigurationProperties("wharf.config-watch")
public record ConfigWatchProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("200ms") Duration debounce,
        @DefaultValue("10s") Duration rescanInterval) {}
