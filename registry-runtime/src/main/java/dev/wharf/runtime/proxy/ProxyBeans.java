package dev.wharf.runtime.proxy;

import dev.wharf.runtime.config.ConfigurationStore;
import dev.wharf.runtime.metadata.DownloadCounter;
import dev.wharf.runtime.metadata.Files;
import dev.wharf.runtime.metadata.MetadataDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The upstream engine every format shares, speaking the upstream protocols the formats supply (beans of
 * {@link UpstreamProtocol}), with its document limits from {@code wharf.proxy.documents.*}.
 */
@Configuration(proxyBeanMethods = false)
class ProxyBeans {

    /** The largest document accepted from an upstream, in bytes. */
    static final String MAX_DOCUMENT_BYTES = "wharf.proxy.documents.max-bytes";

    /** The most bytes of documents kept in memory. */
    static final String MEMORY_BYTES = "wharf.proxy.documents.memory-bytes";

    /** The most bytes of documents kept in the metadata database, across restarts. */
    static final String PERSISTED_BYTES = "wharf.proxy.documents.persisted-bytes";

    @Bean
    UpstreamEngine upstreamEngine(
            ConfigurationStore configuration,
            Files files,
            DownloadCounter downloads,
            MetadataDatabase database,
            ObjectProvider<UpstreamProtocol> protocols,
            ObjectProvider<Clock> clock,
            ObjectProvider<MeterRegistry> meters,
            Environment environment) {
        return new UpstreamEngine(
                files,
                downloads,
                database,
                () -> configuration.current().secrets(),
                protocols.orderedStream().toList(),
                limits(environment),
                clock.getIfAvailable(Clock::systemUTC),
                meters.getIfAvailable());
    }

    /**
     * The limits the properties set, the defaults for those unset.
     *
     * @throws IllegalArgumentException naming the properties when they do not fit together
     */
    static CacheLimits limits(Environment environment) {
        CacheLimits defaults = CacheLimits.DEFAULT;
        int max = environment.getProperty(MAX_DOCUMENT_BYTES, Integer.class, defaults.maxDocumentBytes());
        long memory = environment.getProperty(MEMORY_BYTES, Long.class, defaults.documentCacheBytes());
        long persisted = environment.getProperty(PERSISTED_BYTES, Long.class, defaults.persistedBytes());
        try {
            return new CacheLimits(max, memory, persisted);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    MAX_DOCUMENT_BYTES + ", " + MEMORY_BYTES + " and " + PERSISTED_BYTES + " do not fit: "
                            + e.getMessage(),
                    e);
        }
    }
}
