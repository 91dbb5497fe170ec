package dev.wharf.runtime.cleanup;

import dev.wharf.runtime.config.ConfigurationStore;
import dev.wharf.runtime.metadata.AllFormatRows;
import dev.wharf.runtime.metadata.MetadataDatabase;
import dev.wharf.runtime.metadata.Versions;
import dev.wharf.runtime.web.ServedRegistries;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The cleanup runner and its schedule. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CleanupProperties.class)
class CleanupBeans {

    @Bean
    CleanupRunner cleanupRunner(
            MetadataDatabase database,
            AllFormatRows formats,
            Versions versions,
            ServedRegistries registries,
            CleanupProperties properties,
            ObjectProvider<Clock> clock,
            ObjectProvider<MeterRegistry> meters) {
        Clock time = clock.getIfAvailable(Clock::systemUTC);
        PlanStore plans = new PlanStore(database);
        return new CleanupRunner(
                new PlanMaker(new PlanSource(database, formats), plans),
                plans,
                new CleanupRuns(database),
                new CleanupLease(database, "replica-" + UUID.randomUUID(), properties.lease()),
                new PlanDeleter(database, plans, versions, time),
                registries::require,
                time,
                meters.getIfAvailable());
    }

    @Bean(destroyMethod = "close")
    ScheduledCleanup scheduledCleanup(
            ConfigurationStore configuration,
            CleanupRunner runner,
            CleanupProperties properties,
            ObjectProvider<Clock> clock) {
        return new ScheduledCleanup(configuration, runner, properties, clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    CleanupReports cleanupReports(MetadataDatabase database, CleanupRunner runner, ScheduledCleanup schedule) {
        return new CleanupReports(runner, new CleanupRuns(database), schedule);
    }
}
