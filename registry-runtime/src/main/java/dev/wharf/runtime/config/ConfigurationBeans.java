package dev.wharf.runtime.config;

import dev.wharf.runtime.WharfProperties;
import java.time.Clock;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.io.support.ResourcePatternUtils;

/**
 * The configuration beans: {@code configurationStore}, loaded when it is created (or taken from {@link
 * EarlyConfigurationLoad}, which read it while the context was being built), and {@code configDirectoryWatcher}, which
 * reloads it on change. A {@link Clock} bean is used when the application defines one, else the system clock.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({SecretsProperties.class, ConfigWatchProperties.class})
class ConfigurationBeans {

    @Bean
    ConfigurationStore configurationStore(
            WharfProperties wharf,
            SecretsProperties secrets,
            ResourceLoader resourceLoader,
            ObjectProvider<Clock> clockBean) {
        EarlyConfigurationLoad.Settings settings =
                new EarlyConfigurationLoad.Settings(wharf.configDir(), secrets.dir());
        Optional<EarlyConfigurationLoad.InitialLoad> early = EarlyConfigurationLoad.take(settings);
        Clock clock = clockBean.getIfAvailable();
        if (clock == null && early.isPresent()) {
            EarlyConfigurationLoad.InitialLoad load = early.get();
            return new ConfigurationStore(load.loader(), Clock.systemUTC(), load.snapshot(), load.loaded());
        }
        ConfigurationLoader loader =
                ConfigurationLoader.of(settings, ResourcePatternUtils.getResourcePatternResolver(resourceLoader));
        return new ConfigurationStore(loader, clock == null ? Clock.systemUTC() : clock);
    }

    @Bean
    ConfigDirectoryWatcher configDirectoryWatcher(ConfigurationStore configurationStore, ConfigWatchProperties watch) {
        return new ConfigDirectoryWatcher(
                watch.enabled() ? configurationStore.watchedDirectory().orElse(null) : null,
                configurationStore::reload,
                watch.debounce(),
                watch.rescanInterval());
    }
}
