package dev.wharf.runtime.config;

import java.time.Instant;
import java.util.List;

/**
 * The state of the configuration for the status endpoint: what is served, when it was loaded, and what the last read
 * found wrong.
 *
 * @param source where the manifests are read
 * @param lastLoaded when the configuration being served was loaded
 * @param lastChecked when the source was last read, changed or not
 * @param servingPrevious whether the last change was refused, so an older configuration is still served
 * @param problems the problems of the last read: why it was refused, or what the served configuration lacks
 */
public record ConfigurationStatus(
        String source, Instant lastLoaded, Instant lastChecked, boolean servingPrevious, List<ConfigProblem> problems) {

    public ConfigurationStatus {
        problems = List.copyOf(problems);
    }
}
