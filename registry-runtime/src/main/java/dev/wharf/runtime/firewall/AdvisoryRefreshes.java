package dev.wharf.runtime.firewall;

import dev.wharf.api.v1alpha1.firewall.Advisories;
import dev.wharf.runtime.proxy.Durations;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Refreshes every policy's advisories on its own thread: at start, when a policy appears or changes its source, and
 * every {@code advisories.refresh} (6 h unless set) after that. Verdicts follow without a restart: the advisories'
 * load time is one of their inputs.
 */
final class AdvisoryRefreshes implements AutoCloseable {

    private static final Duration DEFAULT_REFRESH = Duration.ofHours(6);
    private static final long TICK_SECONDS = 5;

    private record Attempt(String url, Instant at) {}

    private final FirewallPolicies policies;
    private final AdvisoryFeed feed;
    private final Clock clock;
    private final Map<String, Attempt> attempts = new ConcurrentHashMap<>();
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "wharf-advisories");
        thread.setDaemon(true);
        return thread;
    });

    private final ScheduledFuture<?> scheduled;

    AdvisoryRefreshes(FirewallPolicies policies, AdvisoryFeed feed, Clock clock) {
        this.policies = policies;
        this.feed = feed;
        this.clock = clock;
        scheduled = executor.scheduleWithFixedDelay(this::refreshDue, 0, TICK_SECONDS, TimeUnit.SECONDS);
    }

    /** Refreshes the advisories of every policy whose refresh is due, or whose source changed. */
    void refreshDue() {
        policies.all()
                .keySet()
                .forEach(name -> policies.configured(name).ifPresent(policy -> {
                    Advisories advisories = policy.spec().advisories();
                    if (advisories == null) {
                        return;
                    }
                    Duration every = Durations.parse("spec.advisories.refresh", advisories.refresh(), DEFAULT_REFRESH);
                    Attempt last = attempts.get(name);
                    Instant now = clock.instant();
                    if (last == null
                            || !last.url().equals(advisories.source().url())
                            || !now.isBefore(last.at().plus(every))) {
                        attempts.put(name, new Attempt(advisories.source().url(), now));
                        feed.refresh(name, advisories);
                    }
                }));
    }

    @Override
    public void close() {
        scheduled.cancel(true);
        executor.shutdownNow();
    }
}
