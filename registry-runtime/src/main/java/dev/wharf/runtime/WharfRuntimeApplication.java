package dev.wharf.runtime;

import dev.wharf.api.v1alpha1.validation.ManifestValidator;
import dev.wharf.runtime.purge.PurgeCommand;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Starts the registry runtime: one process serving the registries its configuration directory describes. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class WharfRuntimeApplication {

    private static final String NETTY_JFR = "io.netty.jfr.enabled";

    public static void main(String[] args) {
        ManifestValidator.preparePackagedCrds();
        quietNettyAllocationEvents();
        if (PurgeCommand.requested(args)) {
            System.exit(PurgeCommand.run(args));
        }
        BuildTimeBeanDefinitions.useWhenPackaged();
        SpringApplication.run(WharfRuntimeApplication.class, args);
    }

    /**
     * Netty declares Flight Recorder events for its buffer allocations, and declaring them loads the recorder's metadata
     * on the first request (a sixth of a second, and its memory, for events nobody records unless they profile).
     * {@code -Dio.netty.jfr.enabled=true} brings them back.
     */
    private static void quietNettyAllocationEvents() {
        if (System.getProperty(NETTY_JFR) == null) {
            System.setProperty(NETTY_JFR, "false");
        }
    }
}
