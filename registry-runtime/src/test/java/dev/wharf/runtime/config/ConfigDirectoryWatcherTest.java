package dev.wharf.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The directory is watched for real: a file edited, a mounted ConfigMap updated by the kubelet's {@code ..data} swap, a
 * change the events cannot show seen by the periodic re-scan; the store then serves the new content.
 */
class ConfigDirectoryWatcherTest {

    private static final Duration DEBOUNCE = Duration.ofMillis(50);
    private static final Duration NO_RESCAN = Duration.ofHours(1);
    private static final Duration LIMIT = Duration.ofSeconds(10);

    private static final String FIRST = "..2026_11_22_10_00_00.000000001";
    private static final String SECOND = "..2026_11_22_10_05_00.000000002";

    @TempDir
    Path root;

    private final List<Thread> reloads = new CopyOnWriteArrayList<>();
    private @Nullable ConfigDirectoryWatcher watcher;

    @AfterEach
    void stopWatching() {
        if (watcher != null) {
            watcher.stop();
        }
    }

    private Path dir() {
        return root.resolve("config");
    }

    private Path secrets() {
        return root.resolve("secrets");
    }

    /** A store on {@link #dir()}, watched from now on; each reload is recorded with the thread it ran on. */
    private ConfigurationStore watch(Duration debounce, Duration rescanInterval) {
        ConfigurationStore store = ConfigFixtures.store(dir(), secrets());
        ConfigDirectoryWatcher started = new ConfigDirectoryWatcher(
                dir(),
                () -> {
                    reloads.add(Thread.currentThread());
                    store.reload();
                },
                debounce,
                rescanInterval);
        watcher = started;
        started.start();
        // The read when watching starts; every later one is caused by an event or by the re-scan.
        await().atMost(LIMIT).until(() -> reloads.size() == 1);
        return store;
    }

    private static @Nullable Boolean allowOverwrite(ConfigurationStore store, String registry) {
        return store.current().registry(registry).orElseThrow().spec().allowOverwrite();
    }

    private static Map<String, String> npmAndMaven(String npmSpec) {
        return Map.of(
                "npm.yaml", ConfigFixtures.registry("npm", "npm", npmSpec),
                "maven.yaml", ConfigFixtures.registry("maven", "maven", ""));
    }

    @Test
    void watchWhenAFileIsEditedShouldServeTheNewContent() {
        ConfigFixtures.write(dir(), "npm.yaml", ConfigFixtures.registry("npm", "npm", ""));
        ConfigurationStore store = watch(DEBOUNCE, NO_RESCAN);

        ConfigFixtures.write(dir(), "npm.yaml", ConfigFixtures.registry("npm", "npm", "allowOverwrite: true"));

        await().atMost(LIMIT)
                .untilAsserted(() -> assertThat(allowOverwrite(store, "npm")).isTrue());
    }

    @Test
    void watchWhenAFileIsDeletedShouldStopServingItsRegistry() throws IOException {
        ConfigFixtures.write(dir(), "npm.yaml", ConfigFixtures.registry("npm", "npm", ""));
        ConfigFixtures.write(dir(), "maven.yaml", ConfigFixtures.registry("maven", "maven", ""));
        ConfigurationStore store = watch(DEBOUNCE, NO_RESCAN);

        Files.delete(dir().resolve("maven.yaml"));

        await().atMost(LIMIT)
                .untilAsserted(() -> assertThat(store.current().registries()).containsOnlyKeys("npm"));
    }

    @Test
    void watchWhenTheKubeletRenamesDataTmpOverDataShouldServeTheNewContent() throws IOException {
        MountedConfigMap configMap = MountedConfigMap.create(dir());
        configMap.publish(FIRST, npmAndMaven(""));
        configMap.prepare(SECOND, npmAndMaven("allowOverwrite: true"));
        ConfigurationStore store = watch(DEBOUNCE, NO_RESCAN);
        assertThat(allowOverwrite(store, "npm")).isNull();

        configMap.swapData();

        await().atMost(LIMIT)
                .untilAsserted(() -> assertThat(allowOverwrite(store, "npm")).isTrue());
        assertThat(store.current().registries()).containsOnlyKeys("maven", "npm");
        assertThat(store.status().problems()).isEmpty();
    }

    @Test
    void watchWhenAMountedConfigMapDropsAFileShouldStopServingItsRegistry() throws IOException {
        MountedConfigMap configMap = MountedConfigMap.create(dir());
        configMap.publish(FIRST, npmAndMaven(""));
        ConfigurationStore store = watch(DEBOUNCE, NO_RESCAN);

        configMap.publish(SECOND, Map.of("npm.yaml", ConfigFixtures.registry("npm", "npm", "")));

        await().atMost(LIMIT)
                .untilAsserted(() -> assertThat(store.current().registries()).containsOnlyKeys("npm"));
        await().atMost(LIMIT)
                .untilAsserted(() -> assertThat(store.status().problems()).isEmpty());
    }

    @Test
    void watchWhenManyFilesChangeTogetherShouldReadTheDirectoryOnce() throws IOException {
        Files.createDirectories(dir());
        ConfigurationStore store = watch(Duration.ofSeconds(1), NO_RESCAN);

        for (int i = 0; i < 10; i++) {
            ConfigFixtures.write(dir(), "r" + i + ".yaml", ConfigFixtures.registry("r" + i, "generic", ""));
        }

        await().atMost(LIMIT)
                .untilAsserted(() -> assertThat(store.current().registries()).hasSize(10));
        assertThat(reloads).hasSize(2);
    }

    @Test
    void watchWhenAChangeIsOutsideTheDirectoryShouldSeeItOnThePeriodicRescan() throws IOException {
        ConfigFixtures.write(dir(), "npm.yaml", ConfigFixtures.registry("npm", "npm", "access:\n  usersSecret: users"));
        ConfigurationStore store = watch(DEBOUNCE, Duration.ofMillis(200));
        assertThat(store.current().registry("npm").orElseThrow().ready()).isFalse();

        Files.createDirectories(secrets().resolve("users"));
        Files.writeString(secrets().resolve("users/users"), "admin:hash");

        await().atMost(LIMIT)
                .untilAsserted(() -> assertThat(
                                store.current().registry("npm").orElseThrow().ready())
                        .isTrue());
    }

    @Test
    void watchShouldReloadOnADaemonThreadThatEndsWhenStopped() {
        ConfigFixtures.write(dir(), "npm.yaml", ConfigFixtures.registry("npm", "npm", ""));
        ConfigurationStore store = watch(DEBOUNCE, NO_RESCAN);
        ConfigFixtures.write(dir(), "npm.yaml", ConfigFixtures.registry("npm", "npm", "allowOverwrite: true"));
        await().atMost(LIMIT)
                .untilAsserted(() -> assertThat(allowOverwrite(store, "npm")).isTrue());
        Thread thread = reloads.getFirst();
        assertThat(thread.isDaemon()).isTrue();
        assertThat(reloads).allMatch(thread::equals);
        ConfigDirectoryWatcher running = watcher;
        assertThat(running).isNotNull();
        assertThat(running.isRunning()).isTrue();

        running.stop();

        assertThat(running.isRunning()).isFalse();
        assertThat(thread.isAlive()).isFalse();
        ConfigFixtures.write(dir(), "npm.yaml", ConfigFixtures.registry("npm", "npm", "allowOverwrite: false"));
        await().during(Duration.ofMillis(500))
                .atMost(LIMIT)
                .untilAsserted(() -> assertThat(allowOverwrite(store, "npm")).isTrue());
    }

    @Test
    void startWhenTheDirectoryChangedSinceTheFirstLoadShouldServeTheChange() {
        ConfigFixtures.write(dir(), "npm.yaml", ConfigFixtures.registry("npm", "npm", ""));
        ConfigurationStore store = ConfigFixtures.store(dir(), secrets());
        ConfigFixtures.write(dir(), "npm.yaml", ConfigFixtures.registry("npm", "npm", "allowOverwrite: true"));
        ConfigDirectoryWatcher started = new ConfigDirectoryWatcher(dir(), store::reload, DEBOUNCE, NO_RESCAN);
        watcher = started;

        started.start();

        await().atMost(LIMIT)
                .untilAsserted(() -> assertThat(allowOverwrite(store, "npm")).isTrue());
    }

    @Test
    void startWhenThereIsNoDirectoryShouldRunNothing() {
        ConfigDirectoryWatcher nothing =
                new ConfigDirectoryWatcher(null, () -> reloads.add(Thread.currentThread()), DEBOUNCE, NO_RESCAN);

        nothing.start();

        assertThat(nothing.isRunning()).isFalse();
    }
}
