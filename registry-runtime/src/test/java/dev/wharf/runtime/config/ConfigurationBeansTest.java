package dev.wharf.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.runtime.WharfProperties;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** The configuration beans in an application context: loaded at start, watched while it runs, no longer after. */
class ConfigurationBeansTest {

    @TempDir
    Path dir;

    /** The {@code wharf.*} settings, which the application binds. */
    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(WharfProperties.class)
    static class Settings {}

    private ApplicationContextRunner runner() {
        ConfigFixtures.write(dir, "npm.yaml", ConfigFixtures.registry("npm", "npm", ""));
        return new ApplicationContextRunner()
                .withUserConfiguration(Settings.class, ConfigurationBeans.class)
                .withPropertyValues("wharf.config-dir=" + dir, "wharf.secrets.dir=" + dir.resolve("no-secrets"));
    }

    @Test
    void contextWhenStartedShouldServeTheConfigDirAndWatchItUntilClosed() {
        AtomicReference<ConfigDirectoryWatcher> watcher = new AtomicReference<>();

        runner().run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(ConfigurationStore.class).current().registries())
                    .containsOnlyKeys("npm");
            watcher.set(context.getBean(ConfigDirectoryWatcher.class));
            assertThat(watcher.get().isRunning()).isTrue();
        });

        assertThat(watcher.get().isRunning()).isFalse();
    }

    @Test
    void contextWhenWatchingIsDisabledShouldNotWatch() {
        runner().withPropertyValues("wharf.config-watch.enabled=false")
                .run(context -> assertThat(
                                context.getBean(ConfigDirectoryWatcher.class).isRunning())
                        .isFalse());
    }
}
