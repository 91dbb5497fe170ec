package dev.wharf.runtime.config;

import dev.wharf.runtime.EarlyWork;
import dev.wharf.runtime.WharfProperties;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationListener;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.core.io.support.ResourcePatternResolver;

/**
 * Starts reading, validating and assembling the configuration as soon as the settings are known, on a thread of its
 * own, so that it runs while Spring builds the application context; the {@code configurationStore} bean then takes
 * the result instead of reading. Registered in {@code META-INF/spring.factories}.
 *
 * <p>A result is only taken when the files still have the fingerprint it was read with, so a configuration that
 * changed in between (or a result left by a start that failed before taking it) is read again. Settings that cannot
 * be bound are left to the beans, which report them.
 */
public final class EarlyConfigurationLoad implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

    private static final EarlyWork<Settings, InitialLoad> LOADS = new EarlyWork<>("wharf-config-load");

    /** What the configuration is read from: the directory (null for the runtime's default) and the mounted Secrets. */
    record Settings(@Nullable Path configDir, Path secretsDir) {}

    /** A configuration read and assembled, with the loader that read it (which then serves the reloads). */
    record InitialLoad(ConfigurationLoader loader, ConfigurationLoader.Snapshot snapshot, RuntimeConfiguration loaded) {

        static InitialLoad read(Settings settings, ResourcePatternResolver resources, Clock clock) {
            ConfigurationLoader loader = ConfigurationLoader.of(settings, resources);
            ConfigurationLoader.Snapshot snapshot = loader.read();
            return new InitialLoad(loader, snapshot, loader.load(snapshot, clock.instant()));
        }

        boolean stillCurrent() {
            return loader.read().fingerprint().equals(snapshot.fingerprint());
        }
    }

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        Settings settings;
        try {
            Binder binder = Binder.get(event.getEnvironment());
            settings = new Settings(
                    binder.bindOrCreate("wharf", WharfProperties.class).configDir(),
                    binder.bindOrCreate("wharf.secrets", SecretsProperties.class)
                            .dir());
        } catch (RuntimeException e) {
            return;
        }
        ResourcePatternResolver resources = new PathMatchingResourcePatternResolver(
                event.getSpringApplication().getClassLoader());
        LOADS.start(settings, () -> InitialLoad.read(settings, resources, Clock.systemUTC()));
    }

    /**
     * The load started for {@code settings}, waited for, when it succeeded and the files have not changed since;
     * empty when none was started, it failed (reading again reports why) or it is out of date.
     */
    static Optional<InitialLoad> take(Settings settings) {
        return LOADS.take(settings).flatMap(started -> {
            try {
                return Optional.of(started.join()).filter(InitialLoad::stillCurrent);
            } catch (CompletionException e) {
                return Optional.empty();
            }
        });
    }
}
