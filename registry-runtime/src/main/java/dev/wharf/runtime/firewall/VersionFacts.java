package dev.wharf.runtime.firewall;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a format knows of a version that the rules read: when it was published and what licenses it declares.
 *
 * @param published when its upstream (or this registry) published it; null when unknown
 * @param licenses the license declarations, each an SPDX expression or free text as the package wrote it; empty when
 *     the version declares none
 */
public record VersionFacts(@Nullable Instant published, List<String> licenses) {

    /** Nothing known: no publish time, no license. */
    public static final VersionFacts UNKNOWN = new VersionFacts(null, List.of());

    public VersionFacts {
        licenses = List.copyOf(licenses);
    }
}
