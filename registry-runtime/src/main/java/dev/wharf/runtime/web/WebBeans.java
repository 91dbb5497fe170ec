package dev.wharf.runtime.web;

import dev.wharf.runtime.WharfProperties;
import dev.wharf.runtime.auth.Authenticator;
import dev.wharf.runtime.auth.FailedLogins;
import dev.wharf.runtime.config.ConfigurationStore;
import dev.wharf.runtime.metadata.ApiTokenRepository;
import dev.wharf.runtime.metadata.DatabaseProperties;
import dev.wharf.runtime.metadata.FileLookup;
import dev.wharf.runtime.metadata.Files;
import dev.wharf.runtime.metadata.Packages;
import dev.wharf.runtime.metadata.Registries;
import dev.wharf.runtime.metadata.Versions;
import dev.wharf.runtime.storage.BlobStoreFactory;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationPredicate;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The beans every route shares, the router of the format routes (with an answer for the formats not served yet and
 * {@code /}), and the answers to errors no route handles.
 */
@Configuration(proxyBeanMethods = false)
class WebBeans {

    private static final Logger LOG = LoggerFactory.getLogger(WebBeans.class);

    @Bean(destroyMethod = "close")
    BlobStoreFactory blobStoreFactory(
            WharfProperties wharf,
            ConfigurationStore configuration,
            ObjectProvider<Clock> clock,
            ObjectProvider<MeterRegistry> meters) {
        return new BlobStoreFactory(
                wharf.dataDir(),
                (secret, key) -> configuration.current().secrets().resolve(secret, key),
                clock.getIfAvailable(Clock::systemUTC),
                meters.getIfAvailable());
    }

    @Bean(destroyMethod = "close")
    ServedRegistries servedRegistries(
            ConfigurationStore configuration,
            BlobStoreFactory blobStores,
            Registries registries,
            DatabaseProperties database) {
        return new ServedRegistries(configuration, blobStores, registries, database.acquireTimeout());
    }

    @Bean
    LoginThrottle loginThrottle(FailedLoginProperties properties, ObjectProvider<Clock> clock) {
        return properties.enabled()
                ? new LoginThrottle(new FailedLogins(properties.delays(), clock.getIfAvailable(Clock::systemUTC)))
                : LoginThrottle.off();
    }

    @Bean
    AccessGuard accessGuard(ApiTokenRepository tokens, LoginThrottle throttle, ObjectProvider<Clock> clock) {
        return new AccessGuard(new Authenticator(tokens, clock.getIfAvailable(Clock::systemUTC)), throttle);
    }

    @Bean
    PublicUrls publicUrls(ForwardedProperties properties) {
        return new PublicUrls(properties);
    }

    @Bean
    WebMetrics webMetrics(MeterRegistry meters) {
        return new WebMetrics(meters);
    }

    @Bean
    static BeanPostProcessor actuatorMappingsAfterRoutes() {
        return new ActuatorMappingsAfterRoutes();
    }

    @Bean
    ObservationPredicate unobservedFormatRoutes() {
        return new UnobservedFormatRoutes();
    }

    @Bean
    ArtifactLookup artifactLookup(Packages packages, Versions versions, Files files, FileLookup fileLookup) {
        return new ArtifactLookup(packages, versions, files, fileLookup);
    }

    @Bean
    UnimplementedFormats unimplementedFormats(List<FormatModule> formats, ServedRegistries registries) {
        UnimplementedFormats unimplemented = new UnimplementedFormats(formats, registries);
        unimplemented
                .registries()
                .forEach(registry -> LOG.warn(
                        "Registry {} is a {} registry, a format this runtime does not serve yet: its routes answer {}"
                                + " with a message saying so; formats served: {}",
                        registry.name(),
                        registry.format().id(),
                        UnimplementedFormats.NOT_SERVED.value(),
                        unimplemented.served()));
        return unimplemented;
    }

    @Bean
    RouterFunction<ServerResponse> formatRoutes(
            List<FormatModule> formats,
            UnimplementedFormats unimplemented,
            AccessGuard guard,
            ServedRegistries registries,
            WebMetrics metrics) {
        FormatRouter formatRouter = new FormatRouter(guard, registries, metrics);
        RouterFunctions.Builder router = RouterFunctions.route();
        for (FormatModule format : formats) {
            router.add(formatRouter.routes(format));
        }
        return router.add(unimplemented.routes())
                .add(HomeRoutes.routes(unimplemented.served(), unimplemented.urlForms()))
                .build();
    }

    @Bean
    ErrorAnswers errorAnswers(List<ProtocolErrors> protocols, UnimplementedFormats unimplemented) {
        List<ProtocolErrors> all = new ArrayList<>(protocols);
        all.add(unimplemented.errors());
        return new ErrorAnswers(all);
    }

    @Bean
    FrameworkErrors frameworkErrors(ObjectProvider<ErrorAnswers> answers) {
        return new FrameworkErrors(answers::getObject);
    }

    @Bean
    MalformedRequestTargets malformedRequestTargets(ObjectProvider<ErrorAnswers> answers) {
        return new MalformedRequestTargets(answers::getObject);
    }

    @Bean
    MetricsOffMainPort metricsOffMainPort(MetricsProperties metrics, ObjectProvider<ErrorAnswers> answers) {
        return new MetricsOffMainPort(metrics, answers::getObject);
    }

    @Bean
    MetricsServer metricsServer(MetricsProperties metrics, ObjectProvider<PrometheusMeterRegistry> registry) {
        return new MetricsServer(metrics, registry::getIfAvailable);
    }

    @Bean
    StorageHealthIndicator storageHealthIndicator(ServedRegistries registries) {
        return new StorageHealthIndicator(registries);
    }
}
