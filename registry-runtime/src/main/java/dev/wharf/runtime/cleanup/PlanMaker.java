package dev.wharf.runtime.cleanup;

import dev.wharf.runtime.config.ConfiguredCleanupPolicy;
import dev.wharf.runtime.version.VersionScheme;
import dev.wharf.runtime.version.VersionSchemes;
import dev.wharf.runtime.web.ServedRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Makes and stores the plan of a policy: the versions of each Registry it selects stream from the database a batch of
 * packages at a time through the {@link CleanupPlanner}, and the candidates (with a sample of the kept versions) are
 * written as they come, so that a plan of any size is never held whole.
 */
final class PlanMaker {

    /** Decisions written per round trip. */
    private static final int WRITE_BATCH = 500;

    private final PlanSource source;
    private final PlanStore store;

    PlanMaker(PlanSource source, PlanStore store) {
        this.source = source;
        this.store = store;
    }

    /**
     * Plans the policy now.
     *
     * @param served the registries that serve, by name
     */
    Mono<StoredPlan> plan(ConfiguredCleanupPolicy policy, Function<String, ServedRegistry> served, Instant now) {
        CleanupPlanner planner = new CleanupPlanner(policy.spec());
        PlanTally tally = new PlanTally();
        List<String> notes = Collections.synchronizedList(new ArrayList<>());
        AtomicLong seq = new AtomicLong();
        AtomicLong keptWritten = new AtomicLong();
        return store.create(policy.name(), now)
                .flatMap(planId -> Flux.fromIterable(policy.registries())
                        .concatMap(name -> registry(name, served, notes), 1)
                        .concatMap(
                                entry -> source.packages(
                                                entry.getKey().id(),
                                                entry.getKey().name(),
                                                entry.getKey().format().id())
                                        .concatMapIterable(pkg -> planner.decide(pkg, entry.getValue(), now)),
                                1)
                        .doOnNext(tally::add)
                        .filter(decision -> decision.delete() || keptWritten.getAndIncrement() < PlanTally.SAMPLE)
                        .buffer(WRITE_BATCH)
                        .concatMap(batch -> store.write(planId, seq.getAndAdd(batch.size()) + 1, batch), 1)
                        .then(Mono.defer(() -> store.finish(
                                planId, policy.name(), tally, notes.isEmpty() ? null : String.join("; ", notes)))));
    }

    private static Mono<Map.Entry<ServedRegistry, VersionScheme>> registry(
            String name, Function<String, ServedRegistry> served, List<String> notes) {
        ServedRegistry registry;
        try {
            registry = served.apply(name);
        } catch (RuntimeException e) {
            notes.add("registry " + name + " was not planned: " + e.getMessage());
            return Mono.empty();
        }
        if (!VersionSchemes.has(registry.format())) {
            notes.add("registry " + name + " was not planned: its format "
                    + registry.format().id()
                    + " has no version order yet, so keepLatest could keep the wrong versions");
            return Mono.empty();
        }
        return Mono.just(Map.entry(registry, VersionSchemes.of(registry.format())));
    }
}
