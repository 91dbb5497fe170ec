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
    PypiSetup pypiSetup() {
        return new PypiSetup();
    }

    @Bean
    PypiDistributions pypiDistributions(MetadataDatabase database) {
        return new PypiDistributions(database);
    }

    @Bean
    HostedPages pypiHostedPages(PypiDistributions distributions) {
        return new HostedPages(distributions);
    }

    @Bean
    ProjectIndex pypiProjectIndex(PypiDistributions distributions) {
        return new ProjectIndex(distributions);
    }

    @Bean
    PageChanges pypiPageChanges(HostedPages pages, ProjectIndex index) {
        return new PageChanges(pages, index);
    }

    @Bean
    PypiRows pypiRows(PageChanges pages) {
        return new PypiRows(pages);
    }

    @Bean
    PypiModule pypiModule(
            ArtifactLookup lookup,
            FileResponses responses,
            ReadPipeline reads,
            Files files,
            FileLookup fileLookup,
            MetadataDatabase database,
            PypiDistributions distributions,
            HostedPages hosted,
            ProjectIndex index,
            PageChanges pages,
            UpstreamEngine engine,
            WebMetrics metrics,
            ObjectProvider<Clock> clock) {
        return new PypiModule(
                lookup,
                responses,
                reads,
                hosted,
                index,
                new PypiUpstreams(engine, fileLookup, distributions),
                new PypiUpload(files, distributions, pages, database, metrics, clock.getIfAvailable(Clock::systemUTC)));
    }
}
