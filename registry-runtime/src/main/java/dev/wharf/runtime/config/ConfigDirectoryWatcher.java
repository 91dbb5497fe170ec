package dev.wharf.runtime.config;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Reloads the configuration when its directory changes, on one daemon thread started and stopped with the
 * application.
 *
 * <p>Any event in the directory (a file written, added or removed; the kubelet creating {@code ..2026_...}, renaming
 * {@code ..data_tmp} over {@code ..data} and deleting the old directory when it updates a mounted ConfigMap; an
 * overflow) makes the whole directory be read again once the events have been quiet for the debounce time, and at the
 * latest ten debounce times after the first. Because some volumes never report changes, the directory is also read
 * every re-scan interval, and once when watching starts, for what changed since the configuration was first loaded; a
 * read whose fingerprint has not changed costs no parse.
 */
public final class ConfigDirectoryWatcher implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(ConfigDirectoryWatcher.class);

    private final @Nullable Path directory;
    private final Runnable reload;
    private final long debounceMillis;
    private final long rescanMillis;
    private @Nullable Thread thread;
    private volatile boolean running;

    /**
     * @param directory the directory to watch; null when there is none (the jar's samples), and then nothing runs
     * @param reload reads the directory again; called on the watcher's thread only
     * @param debounce how long the events must be quiet before the directory is read
     * @param rescanInterval how often the directory is read whatever the events said
     */
    ConfigDirectoryWatcher(@Nullable Path directory, Runnable reload, Duration debounce, Duration rescanInterval) {
        this.directory = directory;
        this.reload = reload;
        this.debounceMillis = Math.max(1, debounce.toMillis());
        this.rescanMillis = Math.max(1, rescanInterval.toMillis());
    }

    /** Registers for the directory's events before returning, so that no change made after it is missed. */
    @Override
    public synchronized void start() {
        Path watched = directory;
        if (running || watched == null) {
            return;
        }
        WatchService events = open(watched);
        WatchKey key = events == null ? null : register(events, watched);
        running = true;
        thread = Thread.ofPlatform().daemon().name("wharf-config-watcher").start(() -> watch(watched, events, key));
        LOG.info(
                "Watching {} for configuration changes (debounce {} ms, re-scan every {} ms)",
                watched,
                debounceMillis,
                rescanMillis);
    }

    @Override
    public void stop() {
        Thread stopping;
        synchronized (this) {
            running = false;
            stopping = thread;
            thread = null;
        }
        if (stopping != null) {
            stopping.interrupt();
            try {
                stopping.join(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void watch(Path watched, @Nullable WatchService events, @Nullable WatchKey registered) {
        WatchKey key = registered;
        try (events) {
            long nextRescan = millis() + rescanMillis;
            long firstEvent = -1;
            long deadline = millis(); // read at once: what changed before the registration sent no event
            while (running) {
                long now = millis();
                long wait = Math.max(1, (deadline >= 0 ? Math.min(deadline, nextRescan) : nextRescan) - now);
                WatchKey signalled = next(events, wait);
                now = millis();
                if (signalled != null) {
                    signalled.pollEvents(); // which file does not matter: the whole directory is read again
                    if (!signalled.reset()) {
                        key = null; // the directory was removed or replaced
                    }
                    firstEvent = firstEvent >= 0 ? firstEvent : now;
                    deadline = Math.min(now + debounceMillis, firstEvent + 10 * debounceMillis);
                }
                if ((deadline >= 0 && now >= deadline) || now >= nextRescan) {
                    if (key == null && events != null) {
                        key = register(events, watched);
                    }
                    reloadSafely();
                    firstEvent = -1;
                    deadline = -1;
                    nextRescan = now + rescanMillis;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            LOG.warn("Closing the watch of {} failed: {}", watched, e.toString());
        }
    }

    /** The next signalled key within {@code waitMillis}; without a watch service, only waits. */
    private static @Nullable WatchKey next(@Nullable WatchService events, long waitMillis) throws InterruptedException {
        if (events == null) {
            TimeUnit.MILLISECONDS.sleep(waitMillis);
            return null;
        }
        return events.poll(waitMillis, TimeUnit.MILLISECONDS);
    }

    /**
     * Elapsed time for the debounce and the re-scan, from the monotonic clock: a wall clock set back (NTP, a fixed
     * test {@code Clock}) would postpone them.
     */
    private static long millis() {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime());
    }

    private static @Nullable WatchService open(Path watched) {
        try {
            return watched.getFileSystem().newWatchService();
        } catch (IOException e) {
            LOG.warn("Cannot watch {} ({}); re-reading it on every re-scan only", watched, e.toString());
            return null;
        }
    }

    private static @Nullable WatchKey register(WatchService events, Path watched) {
        try {
            return watched.register(
                    events,
                    StandardWatchEventKinds.ENTRY_CREATE,
                    StandardWatchEventKinds.ENTRY_DELETE,
                    StandardWatchEventKinds.ENTRY_MODIFY);
        } catch (IOException e) {
            LOG.warn("Cannot watch {} ({}); re-reading it on every re-scan instead", watched, e.toString());
            return null;
        }
    }

    private void reloadSafely() {
        try {
            reload.run();
        } catch (RuntimeException e) {
            LOG.error("Reloading the configuration failed; the previous configuration is still served", e);
        }
    }
}
