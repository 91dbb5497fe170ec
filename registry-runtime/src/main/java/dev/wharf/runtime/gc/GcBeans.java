package dev.wharf.runtime.gc;

import dev.wharf.runtime.metadata.AllFormatRows;
import dev.wharf.runtime.metadata.MetadataDatabase;
import dev.wharf.runtime.storage.BlobStore;
import dev.wharf.runtime.web.ServedRegistries;
import dev.wharf.runtime.web.ServedRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The blob collector and its schedule. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(GcProperties.class)
class GcBeans {

    @Bean
    BlobCollector blobCollector(
            MetadataDatabase database,
            AllFormatRows formats,
            ServedRegistries registries,
            GcProperties properties,
            ObjectProvider<Clock> clock,
            ObjectProvider<MeterRegistry> meters) {
        return new BlobCollector(
                database,
                formats,
                () -> stores(registries),
                properties,
                clock.getIfAvailable(Clock::systemUTC),
                meters.getIfAvailable());
    }

    @Bean(destroyMethod = "close")
    ScheduledCollection scheduledCollection(BlobCollector collector, GcProperties properties) {
        return new ScheduledCollection(collector, properties);
    }

    /** Each store the served registries use, once. */
    private static List<BlobStore> stores(ServedRegistries registries) {
        Set<BlobStore> stores = Collections.newSetFromMap(new IdentityHashMap<>());
        registries.serving().stream().map(ServedRegistry::store).forEach(stores::add);
        return List.copyOf(stores);
    }
}
