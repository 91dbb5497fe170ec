package dev.wharf.runtime.firewall;

import dev.wharf.api.v1alpha1.common.Format;
import dev.wharf.runtime.metadata.VersionRecord;
import java.util.List;
import reactor.core.publisher.Mono;

/**
 * What a format tells the firewall about its versions: how its packages are named outside Wharf, and the facts its
 * rules read. One bean per format; a format without one is not guarded.
 */
public interface FirewallFacts {

    /** The format described. */
    Format format();

    /** Its package-URL type and OSV ecosystem. */
    Ecosystem ecosystem();

    /**
     * The facts of a stored version of the package {@code packageName} of the registry {@code registryId}: by default
     * its publish time as the core recorded it and no license; a format that stores licenses overrides this.
     */
    default Mono<VersionFacts> facts(long registryId, String packageName, VersionRecord version) {
        return Mono.just(new VersionFacts(version.publishedAt(), List.of()));
    }
}
