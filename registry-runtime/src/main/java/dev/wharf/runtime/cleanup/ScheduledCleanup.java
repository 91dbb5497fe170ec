package dev.wharf.runtime.cleanup;

import dev.wharf.runtime.config.ConfigurationStore;
import dev.wharf.runtime.config.ConfiguredCleanupPolicy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Runs each CleanupPolicy of the current configuration on its schedule, unless {@code spec.suspend}: every tick, a
 * policy whose last scheduled time passed since the tick before runs for that slot (the lease makes one replica run
 * it). Each tick also completes the runs a stopped runtime left unfinished.
 */
public final class ScheduledCleanup implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ScheduledCleanup.class);

    private final ConfigurationStore configuration;
    private final CleanupRunner runner;
    private final Clock clock;
    private final Map<String, Instant> checked = new ConcurrentHashMap<>();
    private final Instant started;
    private final Disposable timer;

    ScheduledCleanup(
            ConfigurationStore configuration, CleanupRunner runner, CleanupProperties properties, Clock clock) {
        this.configuration = configuration;
        this.runner = runner;
        this.clock = clock;
        this.started = clock.instant();
        Duration tick = properties.tick();
        this.timer = properties.enabled()
                ? Flux.interval(tick, tick)
                        .onBackpressureDrop()
                        .concatMap(
                                t -> tick().onErrorResume(e -> {
                                    LOG.warn("Cleanup schedules: {}", e.toString());
                                    return Mono.empty();
                                }),
                                1)
                        .subscribe()
                : Flux.never().subscribe();
    }

    /** When the policy runs next on its schedule; empty when suspended or when the schedule has no next time. */
    public Optional<Instant> nextRun(ConfiguredCleanupPolicy policy) {
        if (Boolean.TRUE.equals(policy.spec().suspend())) {
            return Optional.empty();
        }
        return CleanupSchedule.of(policy.spec().schedule(), policy.spec().timeZone())
                .next(clock.instant());
    }

    /** One look at the schedules: the runs left unfinished first, then the slots that came. */
    Mono<Void> tick() {
        Map<String, ConfiguredCleanupPolicy> policies = configuration.current().cleanupPolicies();
        Instant now = clock.instant();
        return runner.resumeInterrupted(policies)
                .thenMany(Flux.fromIterable(policies.values()))
                .concatMap(
                        policy -> due(policy, now)
                                .map(slot -> runner.runScheduled(policy, slot).onErrorResume(e -> {
                                    LOG.warn("CleanupPolicy {} could not run: {}", policy.name(), e.toString());
                                    return Mono.empty();
                                }))
                                .orElse(Mono.empty()),
                        1)
                .then();
    }

    private Optional<Instant> due(ConfiguredCleanupPolicy policy, Instant now) {
        Instant since = checked.getOrDefault(policy.name(), started);
        checked.put(policy.name(), now);
        if (Boolean.TRUE.equals(policy.spec().suspend())) {
            return Optional.empty();
        }
        try {
            return CleanupSchedule.of(policy.spec().schedule(), policy.spec().timeZone())
                    .last(now)
                    .filter(slot -> slot.isAfter(since));
        } catch (IllegalArgumentException e) {
            LOG.warn("CleanupPolicy {} is not scheduled: {}", policy.name(), e.getMessage());
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        timer.dispose();
    }
}
