package dev.wharf.runtime.read;

import dev.wharf.runtime.metadata.DownloadCounter;
import dev.wharf.runtime.metadata.FileRecord;
import dev.wharf.runtime.web.ServedRegistry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * The one order every format's reads follow: the registry's own content; else, in a registry with upstream proxies,
 * the upstreams in the registry's order (through the engine the format's step calls); or, when none of them can
 * answer, the content kept from them before, stale. Whatever is served passes every {@link ReadGate} first (the
 * firewall and quarantine), is counted in {@code wharf.reads}, and says where it came from ({@link ReadOrigin}).
 * Downloads of stored files are recorded through {@link #recordDownload}.
 */
public final class ReadPipeline {

    /** The metric counting reads by registry, format and how they were answered. */
    public static final String READS = "wharf.reads";

    private final List<ReadGate> gates;
    private final DownloadCounter downloads;
    private final @Nullable MeterRegistry meters;
    private final Map<ReadKey, Counter> counters = new ConcurrentHashMap<>();

    /**
     * @param gates every gate a read must pass, in order; none serves every read
     * @param downloads where downloads of stored files are counted
     * @param meters where the read counts go; null for none
     */
    public ReadPipeline(List<ReadGate> gates, DownloadCounter downloads, @Nullable MeterRegistry meters) {
        this.gates = List.copyOf(gates);
        this.downloads = downloads;
        this.meters = meters;
    }

    /**
     * What {@code read} finds in {@code registry}, with where it came from.
     *
     * @return empty when neither the registry nor any of its upstreams has it; a {@link ReadBlockedException} when a
     *     gate refuses it; the upstream step's error when no upstream could answer and nothing was kept
     */
    public <T> Mono<Sourced<T>> read(ServedRegistry registry, Read<T> read) {
        boolean proxying = !registry.configured().upstreamProxies().isEmpty();
        return read.own().map(Optional::of).defaultIfEmpty(Optional.empty()).flatMap(found -> {
            if (found.isPresent() && !(proxying && read.recheck(found.get()))) {
                return pass(registry, read, found.get(), read.originOf(found.get()), "own");
            }
            if (!proxying) {
                return counted(registry, "absent", Mono.empty());
            }
            Mono<Sourced<T>> fetched = read.upstream(found)
                    .flatMap(sourced ->
                            pass(registry, read, sourced.content(), sourced.origin(), outcome(sourced.origin())));
            if (found.isEmpty()) {
                return fetched.switchIfEmpty(counted(registry, "absent", Mono.empty()));
            }
            T kept = found.get();
            Mono<Sourced<T>> stale = Mono.defer(
                    () -> pass(registry, read, kept, read.originOf(kept).stale(), "stale"));
            // No upstream answered, or none may be asked (offline, its globs no longer permit the name).
            return fetched.onErrorResume(read::unavailable, e -> stale).switchIfEmpty(stale);
        });
    }

    /** Counts a download of a stored file, now; call it when its body is sent from the first byte. */
    public void recordDownload(FileRecord file) {
        downloads.record(file);
    }

    private <T> Mono<Sourced<T>> pass(
            ServedRegistry registry, Read<T> read, T content, ReadOrigin origin, String outcome) {
        Mono<ReadOrigin> admitted = Mono.just(origin);
        for (ReadGate gate : gates) {
            admitted = admitted.flatMap(passed -> gate.admit(registry, read.subject(), passed));
        }
        Mono<Sourced<T>> served = admitted.map(passed -> new Sourced<>(content, passed))
                .doOnError(ReadBlockedException.class, e -> count(registry, "blocked"));
        return counted(registry, outcome, served);
    }

    private <T> Mono<T> counted(ServedRegistry registry, String outcome, Mono<T> result) {
        return result.doOnSuccess(value -> count(registry, outcome));
    }

    private void count(ServedRegistry registry, String outcome) {
        MeterRegistry registered = meters;
        if (registered != null) {
            counters.computeIfAbsent(
                            new ReadKey(registry.name(), registry.format().id(), outcome),
                            key -> Counter.builder(READS)
                                    .description("Reads of artifacts, by how they were answered")
                                    .tag("registry", key.registry())
                                    .tag("format", key.format())
                                    .tag("outcome", key.outcome())
                                    .register(registered))
                    .increment();
        }
    }

    private record ReadKey(String registry, String format, String outcome) {}

    private static String outcome(ReadOrigin origin) {
        return origin.cache() == null
                ? "own"
                : "upstream_" + origin.cache().name().toLowerCase(Locale.ROOT);
    }
}
