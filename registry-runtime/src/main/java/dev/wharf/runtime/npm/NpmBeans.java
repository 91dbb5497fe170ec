package dev.wharf.runtime.npm;

import dev.wharf.runtime.auth.Authenticator;
import dev.wharf.runtime.metadata.ApiTokenRepository;
import dev.wharf.runtime.metadata.AuditTrail;
import dev.wharf.runtime.metadata.FileLookup;
import dev.wharf.runtime.metadata.MetadataDatabase;
import dev.wharf.runtime.metadata.Packages;
import dev.wharf.runtime.metadata.Tags;
import dev.wharf.runtime.metadata.Versions;
import dev.wharf.runtime.proxy.UpstreamEngine;
import dev.wharf.runtime.read.FileResponses;
import dev.wharf.runtime.read.ReadPipeline;
import dev.wharf.runtime.web.ArtifactLookup;
import dev.wharf.runtime.web.LoginThrottle;
import dev.wharf.runtime.web.PublicUrls;
import dev.wharf.runtime.web.ServedRegistries;
import dev.wharf.runtime.web.WebMetrics;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The npm format's module, its rows' lifecycle hooks and its error document. */
@Configuration(proxyBeanMethods = false)
class NpmBeans {

    @Bean
    NpmSetup npmSetup() {
        return new NpmSetup();
    }

    @Bean
    NpmRows npmRows() {
        return new NpmRows();
    }

    @Bean
    NpmErrors npmErrors() {
        return new NpmErrors();
    }

    @Bean
    NpmModule npmModule(
            ServedRegistries registries,
            LoginThrottle throttle,
            MetadataDatabase database,
            AuditTrail audit,
            Packages packages,
            Versions versions,
            Tags tags,
            FileLookup fileLookup,
            ArtifactLookup lookup,
            ReadPipeline reads,
            FileResponses responses,
            UpstreamEngine engine,
            ApiTokenRepository tokens,
            WebMetrics metrics,
            PublicUrls urls,
            ObjectProvider<Clock> clockProvider) {
        Clock clock = clockProvider.getIfAvailable(Clock::systemUTC);
        NpmStore store = new NpmStore(database, audit, clock);
        Authenticator authenticator = new Authenticator(tokens, clock);
        return new NpmModule(
                new NpmReads(
                        packages, tags, store, reads, responses, lookup, new NpmUpstreams(engine, fileLookup), urls),
                new NpmPublish(store, packages, metrics),
                new NpmUnpublish(packages, versions, store),
                new NpmDistTags(packages, tags, store),
                new NpmUsers(registries, authenticator, throttle, tokens, audit, clock),
                new NpmTokens(authenticator, throttle, tokens, audit, clock),
                new NpmSearch(packages, tags, store, clock));
    }
}
