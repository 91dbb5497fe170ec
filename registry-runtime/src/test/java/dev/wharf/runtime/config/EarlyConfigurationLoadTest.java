package dev.wharf.runtime.config;

import static dev.wharf.runtime.config.ConfigFixtures.registry;
import static dev.wharf.runtime.config.ConfigFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.bootstrap.DefaultBootstrapContext;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

class EarlyConfigurationLoadTest {

    @TempDir
    Path configDir;

    @TempDir
    Path secretsDir;

    @Test
    void theConfigurationReadEarlyIsTakenWithTheSettingsItWasReadFor() {
        write(configDir, "registries.yaml", registry("npm", "npm", ""));
        EarlyConfigurationLoad.Settings settings = startedFor(configDir, secretsDir);

        EarlyConfigurationLoad.InitialLoad load =
                EarlyConfigurationLoad.take(settings).orElseThrow();

        assertThat(load.loaded().registries()).containsOnlyKeys("npm");
    }

    @Test
    void aConfigurationChangedSinceTheEarlyReadIsNoLongerCurrent() {
        write(configDir, "registries.yaml", registry("npm", "npm", ""));
        EarlyConfigurationLoad.InitialLoad load = EarlyConfigurationLoad.InitialLoad.read(
                new EarlyConfigurationLoad.Settings(configDir, secretsDir),
                new PathMatchingResourcePatternResolver(),
                Clock.systemUTC());
        assertThat(load.stillCurrent()).isTrue();

        write(configDir, "registries.yaml", registry("maven", "maven", ""));

        assertThat(load.stillCurrent()).isFalse();
    }

    @Test
    void aLoadIsTakenOnceSoALaterStartReadsAgain() {
        write(configDir, "registries.yaml", registry("npm", "npm", ""));
        EarlyConfigurationLoad.Settings settings = startedFor(configDir, secretsDir);

        assertThat(EarlyConfigurationLoad.take(settings)).isPresent();
        assertThat(EarlyConfigurationLoad.take(settings)).isEmpty();
    }

    @Test
    void anEarlyReadThatFailedIsNotTaken() {
        Path notADirectory = write(configDir, "file", "");
        EarlyConfigurationLoad.Settings settings = startedFor(notADirectory.resolve("config"), secretsDir);

        assertThat(EarlyConfigurationLoad.take(settings)).isEmpty();
    }

    private static EarlyConfigurationLoad.Settings startedFor(Path configDir, Path secretsDir) {
        StandardEnvironment environment = environment(Map.of(
                "wharf.config-dir", configDir.toString(),
                "wharf.secrets.dir", secretsDir.toString()));
        new EarlyConfigurationLoad().onApplicationEvent(event(environment));
        return new EarlyConfigurationLoad.Settings(configDir, secretsDir);
    }

    private static StandardEnvironment environment(Map<String, Object> properties) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
        return environment;
    }

    private static ApplicationEnvironmentPreparedEvent event(StandardEnvironment environment) {
        return new ApplicationEnvironmentPreparedEvent(
                new DefaultBootstrapContext(), new SpringApplication(), new String[0], environment);
    }
}
