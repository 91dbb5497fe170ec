package dev.wharf.runtime.metadata;

import dev.wharf.runtime.WharfProperties;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.core.publisher.Mono;

/**
 * The metadata beans: the {@link MetadataDatabase} (migrated and opened when it is created, closed with the context),
 * one bean per repository, the {@link AllFormatRows} of the formats' {@link FormatRows} beans, and
 * {@code metadataHealthIndicator}. A {@link Clock} bean is used when the application
 * defines one, else the system clock.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DatabaseProperties.class)
class MetadataBeans {

    /** How often download counts are written. */
    static final Duration DOWNLOAD_FLUSH_INTERVAL = Duration.ofSeconds(10);

    @Bean(destroyMethod = "close")
    MetadataDatabase metadataDatabase(DatabaseProperties properties, WharfProperties wharf) {
        return MetadataDatabase.open(DatabaseSettings.resolve(properties, wharf.dataDir()));
    }

    @Bean
    AuditTrail auditTrail(MetadataDatabase database) {
        return new AuditTrail(database);
    }

    @Bean
    Registries registries(MetadataDatabase database, ObjectProvider<Clock> clock) {
        return new Registries(database, clock(clock));
    }

    @Bean
    AllFormatRows allFormatRows(ObjectProvider<FormatRows> formats) {
        return new AllFormatRows(formats.orderedStream().toList());
    }

    @Bean
    Packages packages(MetadataDatabase database, AuditTrail audit, ObjectProvider<Clock> clock, AllFormatRows formats) {
        return new Packages(database, audit, clock(clock), formats);
    }

    @Bean
    Versions versions(MetadataDatabase database, AuditTrail audit, ObjectProvider<Clock> clock, AllFormatRows formats) {
        return new Versions(database, audit, clock(clock), formats);
    }

    @Bean
    Files files(MetadataDatabase database, AuditTrail audit, ObjectProvider<Clock> clock) {
        return new Files(database, audit, clock(clock));
    }

    @Bean
    SharedKeys sharedKeys(MetadataDatabase database, ObjectProvider<Clock> clock) {
        return new SharedKeys(database, clock(clock));
    }

    @Bean
    FileLookup fileLookup(MetadataDatabase database) {
        return new FileLookup(database);
    }

    @Bean
    Tags tags(MetadataDatabase database, ObjectProvider<Clock> clock) {
        return new Tags(database, clock(clock));
    }

    @Bean
    MetadataEntries metadataEntries(MetadataDatabase database, ObjectProvider<Clock> clock) {
        return new MetadataEntries(database, clock(clock));
    }

    @Bean(destroyMethod = "close")
    DownloadCounter downloadCounter(MetadataDatabase database, ObjectProvider<Clock> clock) {
        return new DownloadCounter(database, clock(clock), DOWNLOAD_FLUSH_INTERVAL);
    }

    @Bean
    ApiTokenRepository apiTokenRepository(MetadataDatabase database, ObjectProvider<Clock> clock) {
        return new ApiTokenRepository(database, clock(clock));
    }

    @Bean
    ReactiveHealthIndicator metadataHealthIndicator(MetadataDatabase database) {
        return () -> database.checkHealth()
                .then(Mono.fromSupplier(() -> Health.up()
                        .withDetail("database", database.description())
                        .build()))
                .onErrorResume(e -> Mono.just(Health.down()
                        .withDetail("database", database.description())
                        .withDetail("error", e.getClass().getSimpleName() + ": " + e.getMessage())
                        .build()));
    }

    private static Clock clock(ObjectProvider<Clock> clock) {
        return clock.getIfAvailable(Clock::systemUTC);
    }
}
