package dev.wharf.runtime.maven;

import dev.wharf.runtime.metadata.FileLookup;
import dev.wharf.runtime.metadata.Files;
import dev.wharf.runtime.metadata.MetadataDatabase;
import dev.wharf.runtime.metadata.Packages;
import dev.wharf.runtime.metadata.Versions;
import dev.wharf.runtime.proxy.UpstreamEngine;
import dev.wharf.runtime.read.FileResponses;
import dev.wharf.runtime.read.ReadPipeline;
import dev.wharf.runtime.web.WebMetrics;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The Maven format's module and its parts. */
@Configuration(proxyBeanMethods = false)
class MavenBeans {

    @Bean
    MavenSetup mavenSetup() {
        return new MavenSetup();
    }

    @Bean
    StoredFiles mavenStoredFiles(FileLookup fileLookup) {
        return new StoredFiles(fileLookup);
    }

    @Bean
    MavenRows mavenRows(StoredFiles storedFiles) {
        return new MavenRows(storedFiles);
    }

    @Bean
    MavenModule mavenModule(
            MetadataDatabase database,
            Packages packages,
            Versions versions,
            Files files,
            FileLookup fileLookup,
            FileResponses responses,
            ReadPipeline reads,
            UpstreamEngine engine,
            WebMetrics metrics,
            StoredFiles storedFiles) {
        MavenChecksums checksums = new MavenChecksums(database);
        MavenPlugins plugins = new MavenPlugins(database);
        HostedMetadata hosted = new HostedMetadata(packages, versions, files, plugins);
        MavenDocuments documents = new MavenDocuments(hosted, reads, engine);
        return new MavenModule(
                new MavenDeploy(files, fileLookup, packages, checksums, plugins, metrics, storedFiles),
                new MavenDownload(
                        storedFiles,
                        responses,
                        reads,
                        checksums,
                        documents,
                        new MavenUpstreams(engine, fileLookup, versions)));
    }
}
