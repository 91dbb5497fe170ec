package dev.wharf.runtime.purge;

import dev.wharf.api.v1alpha1.registry.FilesystemStorage;
import dev.wharf.api.v1alpha1.registry.Storage;
import dev.wharf.runtime.WharfProperties;
import dev.wharf.runtime.config.ConfigurationStore;
import dev.wharf.runtime.config.ConfiguredRegistry;
import dev.wharf.runtime.config.RuntimeConfiguration;
import dev.wharf.runtime.metadata.AllFormatRows;
import dev.wharf.runtime.metadata.MetadataDatabase;
import dev.wharf.runtime.storage.BlobStore;
import dev.wharf.runtime.storage.BlobStoreFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.BeansException;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code java -jar wharf-registry-runtime.jar --wharf.purge.registry=<name>}: purges one registry (see
 * {@link RegistryPurge}) with the database and blob store the server would open for it, from the same settings and
 * configuration directory, and exits: 0 when the registry is purged, 1 when it could not be, 2 when it was asked for
 * something it cannot do. No HTTP server is started. {@code --wharf.purge.blobs=false} leaves blob bytes alone and
 * deletes only the database's rows, for a registry whose filesystem volume is deleted with it.
 */
public final class PurgeCommand {

    /** The property naming the registry to purge; given on the command line, it selects this command. */
    public static final String REGISTRY = "wharf.purge.registry";

    /** The property saying whether blob bytes are deleted; {@code true} unless set. */
    public static final String BLOBS = "wharf.purge.blobs";

    /** The exit code of a purge that completed. */
    public static final int PURGED = 0;

    /** The exit code of a purge that failed part way; running it again continues. */
    public static final int FAILED = 1;

    /** The exit code of a purge that could not start: the registry or its storage is not configured. */
    public static final int UNUSABLE = 2;

    private static final Logger LOG = LoggerFactory.getLogger(PurgeCommand.class);
    private static final Duration STORE_CHECK = Duration.ofMinutes(1);
    private static final Storage DEFAULT_STORAGE = new Storage(new FilesystemStorage(null, null), null);

    private PurgeCommand() {}

    /** Whether the command line asks for a purge rather than for the server. */
    public static boolean requested(String[] args) {
        return Arrays.stream(args).anyMatch(arg -> arg.startsWith("--" + REGISTRY + "="));
    }

    /** Runs the purge the command line asks for; returns the process's exit code. */
    public static int run(String[] args) {
        String registry = Arrays.stream(args)
                .filter(arg -> arg.startsWith("--" + REGISTRY + "="))
                .reduce((first, last) -> last)
                .map(arg -> arg.substring(REGISTRY.length() + 3).strip())
                .orElse("");
        if (registry.isEmpty()) {
            LOG.error("Cannot purge: --{} is empty; give the name of the registry to purge", REGISTRY);
            return UNUSABLE;
        }
        // The purge's context is its own, not the server's whose bean definitions the build prepared (the image sets
        // spring.aot.enabled for the server).
        System.setProperty("spring.aot.enabled", "false");
        SpringApplication application = new SpringApplication(PurgeContext.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        application.setRegisterShutdownHook(false);
        // No watcher thread: the purge reads the configuration once.
        application.setDefaultProperties(Map.of("wharf.config-watch.enabled", "false"));
        ConfigurableApplicationContext context;
        try {
            context = application.run(args);
        } catch (RuntimeException e) {
            LOG.atError()
                    .addKeyValue("registry", registry)
                    .log(
                            "Cannot purge registry {}: its configuration or metadata database could not be opened ({});"
                                    + " nothing was deleted. Check the wharf.database settings and the mounted Secrets,"
                                    + " then run the purge again",
                            registry,
                            reason(e));
            return FAILED;
        }
        try (context) {
            purge(context, registry);
            return PURGED;
        } catch (UnusableException e) {
            LOG.atError().addKeyValue("registry", registry).log("Cannot purge: {}", e.getMessage());
            return UNUSABLE;
        } catch (NotStartedException e) {
            LOG.atError()
                    .addKeyValue("registry", registry)
                    .log(
                            "Cannot purge registry {}: {}; nothing was deleted. Fix the storage settings or the"
                                    + " mounted Secret, then run the purge again",
                            registry,
                            e.getMessage());
            return FAILED;
        } catch (RuntimeException e) {
            LOG.atError()
                    .addKeyValue("registry", registry)
                    .setCause(e)
                    .log(
                            "Purging registry {} failed part way: {}. What was deleted stays deleted; fix the cause"
                                    + " and run the purge again to complete it",
                            registry,
                            reason(e));
            return FAILED;
        }
    }

    private static void purge(ConfigurableApplicationContext context, String registry) {
        boolean blobs = context.getEnvironment().getProperty(BLOBS, Boolean.class, true);
        MetadataDatabase database = context.getBean(MetadataDatabase.class);
        AllFormatRows formats = context.getBean(AllFormatRows.class);
        if (!blobs) {
            LOG.atInfo()
                    .addKeyValue("registry", registry)
                    .log(
                            "Purging registry {} from {}; blob bytes are left alone ({}=false)",
                            registry,
                            database.description(),
                            BLOBS);
            new RegistryPurge(database, formats, null, Clock.systemUTC()).purge(registry);
            return;
        }
        ConfigurationStore configuration = context.getBean(ConfigurationStore.class);
        Storage storage = storage(configuration.current(), registry);
        WharfProperties wharf = context.getBean(WharfProperties.class);
        try (BlobStoreFactory stores = new BlobStoreFactory(
                wharf.dataDir(),
                (secret, key) -> configuration.current().secrets().resolve(secret, key))) {
            BlobStore store;
            try {
                store = stores.forRegistry(registry, storage);
                store.checkHealth().block(STORE_CHECK);
            } catch (RuntimeException e) {
                throw new NotStartedException("its blob store cannot be used (" + reason(e) + ")", e);
            }
            LOG.atInfo()
                    .addKeyValue("registry", registry)
                    .log("Purging registry {} from {} and {}", registry, database.description(), store);
            new RegistryPurge(database, formats, store, Clock.systemUTC()).purge(registry);
        }
    }

    /** The storage the configuration gives the registry, as the server would use it. */
    private static Storage storage(RuntimeConfiguration configuration, String registry) {
        ConfiguredRegistry configured = configuration
                .registry(registry)
                .orElseThrow(() -> new UnusableException("the configuration from " + configuration.source()
                        + " has no Registry named '" + registry + "', so its blob store is unknown; run the purge with"
                        + " the configuration directory the registry was served from, or with --" + BLOBS
                        + "=false to delete only its database rows"));
        Storage storage = configured.spec().storage();
        return storage == null ? DEFAULT_STORAGE : storage;
    }

    /** The message of the first cause that is not Spring's wrapping of a bean that could not be made. */
    private static String reason(Throwable error) {
        Throwable reason = error;
        while ((reason instanceof BeansException || reason.getMessage() == null) && reason.getCause() != null) {
            reason = reason.getCause();
        }
        return String.valueOf(reason.getMessage());
    }

    /** The purge cannot start with what it was given. */
    private static final class UnusableException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UnusableException(String message) {
            super(message);
        }
    }

    /** The purge could not begin, for a reason that may pass; nothing was deleted. */
    private static final class NotStartedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotStartedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
