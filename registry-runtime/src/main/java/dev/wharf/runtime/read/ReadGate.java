package dev.wharf.runtime.read;

import dev.wharf.runtime.web.ServedRegistry;
import reactor.core.publisher.Mono;

/**
 * Decides whether content may be served: where the dependency firewall and quarantine plug into every format's reads.
 * The pipeline asks every gate before it serves anything, own content and upstream content alike, so a format never
 * asks one itself. Without gates every read is served.
 */
public interface ReadGate {

    /**
     * Completes empty when {@code subject} may be served from {@code origin}; fails with a {@link ReadBlockedException}
     * saying why when it may not.
     */
    Mono<Void> check(ServedRegistry registry, ReadSubject subject, ReadOrigin origin);

    /**
     * Like {@link #check}, giving the origin to serve with: a gate that judges content (the firewall) returns it
     * {@linkplain ReadOrigin#judged judged}, so its verdict is sent with the content. By default the origin itself.
     */
    default Mono<ReadOrigin> admit(ServedRegistry registry, ReadSubject subject, ReadOrigin origin) {
        return check(registry, subject, origin).thenReturn(origin);
    }
}
