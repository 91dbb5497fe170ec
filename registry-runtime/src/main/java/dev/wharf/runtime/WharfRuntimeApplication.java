package dev.wharf.runtime;

import dev.wharf.runtime.purge.PurgeCommand;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Starts the registry runtime: one process serving the registries its configuration directory describes. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class WharfRuntimeApplication {

    public static void main(String[] args) {
        if (PurgeCommand.requested(args)) {
            System.exit(PurgeCommand.run(args));
        }
        SpringApplication.run(WharfRuntimeApplication.class, args);
    }
}
