package dev.wharf.runtime.proxy;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import reactor.core.publisher.Mono;

/** What happened to the upstreams one fetch asked, to tell "nobody has it" from "nobody could answer". */
final class Attempts {

    private final List<String> failures = new CopyOnWriteArrayList<>();
    private final AtomicBoolean offline = new AtomicBoolean();

    void failed(Throwable failure) {
        failures.add(String.valueOf(failure.getMessage()));
    }

    void offline() {
        offline.set(true);
    }

    /** Whether an upstream that might have had the object could not be asked or did not answer. */
    boolean unreachable() {
        return offline.get() || !failures.isEmpty();
    }

    /**
     * Nothing, when every upstream asked said "not found" (or is offline); an {@link UpstreamFailureException} naming
     * each failure otherwise.
     */
    <T> Mono<T> nothingFound(String registry, String path) {
        if (failures.isEmpty()) {
            return Mono.empty();
        }
        return Mono.error(new UpstreamFailureException("no upstream of registry '" + registry + "' could answer for "
                + path + ", and nothing is cached: " + String.join("; ", failures)));
    }
}
