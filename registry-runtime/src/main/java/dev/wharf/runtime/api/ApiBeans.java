package dev.wharf.runtime.api;

import dev.wharf.runtime.auth.StatusReader;
import dev.wharf.runtime.auth.StatusReaderProperties;
import dev.wharf.runtime.cleanup.CleanupReports;
import dev.wharf.runtime.cleanup.CleanupRunner;
import dev.wharf.runtime.config.ConfigurationStore;
import dev.wharf.runtime.firewall.FirewallReports;
import dev.wharf.runtime.gc.BlobCollector;
import dev.wharf.runtime.metadata.ApiTokenRepository;
import dev.wharf.runtime.metadata.AuditTrail;
import dev.wharf.runtime.metadata.DownloadCounter;
import dev.wharf.runtime.metadata.Files;
import dev.wharf.runtime.metadata.MetadataEntries;
import dev.wharf.runtime.metadata.Packages;
import dev.wharf.runtime.metadata.Registries;
import dev.wharf.runtime.metadata.Tags;
import dev.wharf.runtime.metadata.Versions;
import dev.wharf.runtime.proxy.UpstreamEngine;
import dev.wharf.runtime.read.FileResponses;
import dev.wharf.runtime.setup.SetupApi;
import dev.wharf.runtime.web.AccessGuard;
import dev.wharf.runtime.web.ArtifactLookup;
import dev.wharf.runtime.web.ServedRegistries;
import dev.wharf.runtime.web.UnimplementedFormats;
import dev.wharf.runtime.web.WebMetrics;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

/** The management API's handlers and its router. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(StatusReaderProperties.class)
class ApiBeans {

    @Bean
    ApiRoutes apiRoutes(
            ConfigurationStore configuration,
            ServedRegistries registries,
            AccessGuard guard,
            ArtifactLookup lookup,
            FileResponses responses,
            UnimplementedFormats formats,
            Registries usage,
            Packages packages,
            Versions versions,
            Files files,
            MetadataEntries metadata,
            Tags tags,
            DownloadCounter downloads,
            ApiTokenRepository tokens,
            AuditTrail trail,
            WebMetrics metrics,
            UpstreamEngine upstreams,
            BlobCollector collector,
            CleanupRunner cleanupRunner,
            CleanupReports cleanupReports,
            FirewallReports firewallReports,
            StatusReaderProperties status,
            SetupApi setup,
            ObjectProvider<Clock> clockProvider) {
        Clock clock = clockProvider.getIfAvailable(Clock::systemUTC);
        ApiAudit audit = new ApiAudit(trail, clock);
        return new ApiRoutes(
                new OpenApiDocument(),
                new RegistryApi(registries, guard, usage, formats),
                new PackageApi(registries, guard, lookup, packages, versions, metadata, tags),
                new VersionApi(registries, guard, lookup, versions, files, metadata, responses),
                new MetadataApi(registries, guard, lookup, metadata, audit),
                new ArchiveDownloads(registries, guard, lookup, versions, files, downloads, metrics),
                new VersionCopier(registries, guard, lookup, versions, files),
                new TokenApi(registries, guard, tokens, audit, clock),
                new StatusApi(
                        configuration,
                        registries,
                        guard,
                        usage,
                        formats,
                        upstreams,
                        new StatusReader(status.credentialFile()),
                        cleanupReports,
                        firewallReports),
                new GcApi(registries, guard, collector),
                new CleanupApi(configuration, registries, guard, cleanupRunner, cleanupReports),
                setup);
    }

    @Bean
    RouterFunction<ServerResponse> apiRouter(ApiRoutes routes) {
        return routes.routes();
    }
}
