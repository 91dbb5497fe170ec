package dev.wharf.runtime.generic;

import dev.wharf.runtime.metadata.FileLookup;
import dev.wharf.runtime.metadata.Files;
import dev.wharf.runtime.metadata.Packages;
import dev.wharf.runtime.metadata.Versions;
import dev.wharf.runtime.proxy.UpstreamEngine;
import dev.wharf.runtime.read.FileResponses;
import dev.wharf.runtime.read.ReadPipeline;
import dev.wharf.runtime.web.ArtifactLookup;
import dev.wharf.runtime.web.WebMetrics;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The generic format's module. */
@Configuration(proxyBeanMethods = false)
class GenericBeans {

    @Bean
    GenericSetup genericSetup() {
        return new GenericSetup();
    }

    @Bean
    GenericModule genericModule(
            ArtifactLookup lookup,
            FileResponses responses,
            Packages packages,
            Versions versions,
            Files files,
            FileLookup fileLookup,
            WebMetrics metrics,
            ReadPipeline reads,
            UpstreamEngine engine) {
        return new GenericModule(
                lookup,
                responses,
                new GenericUpload(packages, versions, files, metrics),
                versions,
                files,
                reads,
                new GenericUpstreams(engine, fileLookup));
    }
}
