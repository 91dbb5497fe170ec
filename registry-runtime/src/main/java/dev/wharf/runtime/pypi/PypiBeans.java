package dev.wharf.runtime.pypi;

import dev.wharf.runtime.metadata.FileLookup;
import dev.wharf.runtime.metadata.Files;
import dev.wharf.runtime.metadata.MetadataDatabase;
import dev.wharf.runtime.proxy.UpstreamEngine;
import dev.wharf.runtime.read.FileResponses;
import dev.wharf.runtime.read.ReadPipeline;
import dev.wharf.runtime.web.ArtifactLookup;
import dev.wharf.runtime.web.WebMetrics;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The PyPI format's module and its rows' lifecycle hooks. */
@Configuration(proxyBeanMethods = false)
class PypiBeans {

    @Bean
    PypiRows pypiRows() {
        return new PypiRows();
    }

    @Bean
    PypiModule pypiModule(
            ArtifactLookup lookup,
            FileResponses responses,
            ReadPipeline reads,
            Files files,
            FileLookup fileLookup,
            MetadataDatabase database,
            UpstreamEngine engine,
            WebMetrics metrics,
            ObjectProvider<Clock> clock) {
        PypiDistributions distributions = new PypiDistributions(database);
        return new PypiModule(
                lookup,
                responses,
                reads,
                new HostedPages(distributions),
                new PypiUpstreams(engine, fileLookup, distributions),
                distributions,
                new PypiUpload(files, distributions, database, metrics, clock.getIfAvailable(Clock::systemUTC)));
    }
}
