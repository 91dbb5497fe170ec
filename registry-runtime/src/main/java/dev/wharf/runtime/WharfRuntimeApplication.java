package dev.wharf.runtime;

import dev.wharf.api.v1alpha1.validation.ManifestValidator;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Starts the registry runtime: one process serving the registries its configuration directory describes. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class WharfRuntimeApplication {

    public static void main(String[] args) {
        ManifestValidator.preparePackagedCrds();
        BuildTimeBeanDefinitions.useWhenPackaged();
        SpringApplication.run(WharfRuntimeApplication.class, args);
    }
}
