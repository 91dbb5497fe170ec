package dev.wharf.runtime.config;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds the configuration being served and replaces it when the source changes.
 *
 * <p>A change whose files or documents cannot all be read and validated is refused: the last complete configuration
 * keeps being served and the problems are recorded, because a half-saved file or a typo'd field says nothing about
 * what the user meant. References that do not resolve (an UpstreamProxy or Secret a Registry names is missing) do not
 * refuse a change: the Registry is loaded and marked, so it answers 503 with the reason, and recovers on the reload
 * that brings the missing piece; GitOps tools often apply a Registry before its Secret.
 *
 * <p>At start there is no last good configuration, so the valid documents are served and the invalid ones reported:
 * one bad file must not take down every registry. Until a complete configuration has been loaded, each reload is
 * applied the same way, so fixing one of two bad files takes effect at once.
 */
public final class ConfigurationStore {

    private static final Logger LOG = LoggerFactory.getLogger(ConfigurationStore.class);

    private final ConfigurationLoader loader;
    private final Clock clock;
    private final AtomicReference<RuntimeConfiguration> current = new AtomicReference<>();
    private final List<ConfigurationListener> listeners = new CopyOnWriteArrayList<>();
    private volatile ConfigurationStatus status;
    private String lastFingerprint;

    /** What a {@link #reload()} did. */
    public enum ReloadOutcome {
        /** Nothing changed since the last read. */
        UNCHANGED,
        /** The new configuration is served; listeners were told. */
        APPLIED,
        /** The new configuration has invalid documents; the previous one is still served. */
        KEPT_PREVIOUS
    }

    /** Loads the configuration now, so that {@link #current()} always has one. */
    ConfigurationStore(ConfigurationLoader loader, Clock clock) {
        this(loader, clock, loader.read());
    }

    private ConfigurationStore(ConfigurationLoader loader, Clock clock, ConfigurationLoader.Snapshot snapshot) {
        this(loader, clock, snapshot, loader.load(snapshot, clock.instant()));
    }

    /** Serves {@code initial}, which {@code loader} read as {@code snapshot}, and reloads with {@code loader}. */
    ConfigurationStore(
            ConfigurationLoader loader,
            Clock clock,
            ConfigurationLoader.Snapshot snapshot,
            RuntimeConfiguration initial) {
        this.loader = loader;
        this.clock = clock;
        current.set(initial);
        lastFingerprint = snapshot.fingerprint();
        status = new ConfigurationStatus(
                initial.source(), initial.loadedAt(), initial.loadedAt(), false, initial.problems());
        ConfigurationLog.loaded(LOG, initial);
    }

    /** The configuration being served. */
    public RuntimeConfiguration current() {
        return current.get();
    }

    /** What is served, since when, and what the last read found wrong; for the status endpoint. */
    public ConfigurationStatus status() {
        return status;
    }

    /**
     * Adds a listener and returns the configuration current at that moment: every later change reaches the listener,
     * none is missed between reading the configuration and subscribing.
     */
    public synchronized RuntimeConfiguration subscribe(ConfigurationListener listener) {
        listeners.add(listener);
        return current();
    }

    /** Removes a listener added with {@link #subscribe}. */
    public void unsubscribe(ConfigurationListener listener) {
        listeners.remove(listener);
    }

    /** Reads the source again and serves what it holds if it changed and is acceptable; see the class comment. */
    public synchronized ReloadOutcome reload() {
        Instant now = clock.instant();
        RuntimeConfiguration previous = current();
        ConfigurationLoader.Snapshot snapshot;
        RuntimeConfiguration candidate;
        try {
            snapshot = loader.read();
            if (snapshot.fingerprint().equals(lastFingerprint)) {
                status = new ConfigurationStatus(
                        status.source(), status.lastLoaded(), now, status.servingPrevious(), status.problems());
                return ReloadOutcome.UNCHANGED;
            }
            candidate = loader.load(snapshot, now);
        } catch (RuntimeException e) {
            LOG.error(
                    "Reading the configuration from {} failed; still serving the previous one",
                    loader.description(),
                    e);
            status = new ConfigurationStatus(
                    previous.source(),
                    previous.loadedAt(),
                    now,
                    true,
                    List.of(new ConfigProblem(
                            ManifestLocation.file(loader.description()),
                            "cannot be read: " + e.getClass().getName())));
            return ReloadOutcome.KEPT_PREVIOUS;
        }
        lastFingerprint = snapshot.fingerprint();
        if (!candidate.complete() && previous.complete()) {
            status = new ConfigurationStatus(candidate.source(), previous.loadedAt(), now, true, candidate.problems());
            ConfigurationLog.refused(LOG, candidate, previous);
            return ReloadOutcome.KEPT_PREVIOUS;
        }
        current.set(candidate);
        status = new ConfigurationStatus(candidate.source(), candidate.loadedAt(), now, false, candidate.problems());
        ConfigurationLog.loaded(LOG, candidate);
        ConfigurationLog.changes(LOG, RegistryChanges.between(previous, candidate));
        for (ConfigurationListener listener : listeners) {
            try {
                listener.onChange(previous, candidate);
            } catch (RuntimeException e) {
                LOG.error("A configuration listener failed: {}", listener, e);
            }
        }
        return ReloadOutcome.APPLIED;
    }

    /** The directory to watch for changes; empty when the configuration comes from the jar. */
    Optional<Path> watchedDirectory() {
        return loader.watchedDirectory();
    }
}
