package dev.wharf.runtime.config;

import dev.wharf.api.v1alpha1.validation.ManifestValidator;
import dev.wharf.runtime.WharfProperties;
import java.nio.file.Path;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.io.support.ResourcePatternUtils;

/**
 * The configuration beans: {@code configurationStore}, loaded when it is created, and {@code configDirectoryWatcher},
 * which reloads it on change. A {@link Clock} bean is used when the application defines one, else the system clock.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({SecretsProperties.class, ConfigWatchProperties.class})
class ConfigurationBeans {

    @Bean
    ConfigurationStore configurationStore(
            WharfProperties wharf,
            SecretsProperties secrets,
            ResourceLoader resourceLoader,
            ObjectProvider<Clock> clock) {
        ManifestSource source = ManifestSourceResolver.resolve(
                wharf.configDir(), Path.of(""), ResourcePatternUtils.getResourcePatternResolver(resourceLoader));
        ConfigurationLoader loader = new ConfigurationLoader(
                source, new ManifestParser(ManifestValidator.forPackagedCrds()), new MountedSecrets(secrets.dir()));
        return new ConfigurationStore(loader, clock.getIfAvailable(Clock::systemUTC));
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
