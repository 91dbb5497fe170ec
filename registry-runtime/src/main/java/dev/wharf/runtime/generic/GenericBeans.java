package dev.wharf.runtime.generic;

import dev.wharf.runtime.metadata.Files;
import dev.wharf.runtime.metadata.Packages;
import dev.wharf.runtime.metadata.Versions;
import dev.wharf.runtime.web.AccessGuard;
import dev.wharf.runtime.web.ArtifactLookup;
import dev.wharf.runtime.web.FileResponses;
import dev.wharf.runtime.web.ServedRegistries;
import dev.wharf.runtime.web.WebMetrics;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The generic format's routes. */
@Configuration(proxyBeanMethods = false)
class GenericBeans {

    @Bean
    GenericRoutes genericRoutes(
            ServedRegistries registries,
            AccessGuard guard,
            ArtifactLookup lookup,
            FileResponses responses,
            Packages packages,
            Versions versions,
            Files files,
            WebMetrics metrics) {
        return new GenericRoutes(
                registries,
                guard,
                lookup,
                responses,
                new GenericUpload(registries, guard, packages, versions, files, metrics),
                versions,
                files);
    }
}
