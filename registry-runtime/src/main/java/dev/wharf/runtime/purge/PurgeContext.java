package dev.wharf.runtime.purge;

import dev.wharf.runtime.WharfProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.ImportSelector;
import org.springframework.core.type.AnnotationMetadata;

/**
 * The application context of the purge command: the server's own configuration beans (the manifests and Secrets of
 * the configuration directory) and metadata beans (the database, migrated and opened as the server opens it), bound
 * from the same properties, and nothing of the web server. Not a {@code @Configuration}, so that the server's
 * component scan does not pick it up.
 */
@Import(PurgeContext.ServerBeans.class)
@EnableConfigurationProperties(WharfProperties.class)
final class PurgeContext {

    /** Imports the server's bean classes by name, since they are private to their packages. */
    static final class ServerBeans implements ImportSelector {

        @Override
        public String[] selectImports(AnnotationMetadata metadata) {
            return new String[] {
                "dev.wharf.runtime.config.ConfigurationBeans", "dev.wharf.runtime.metadata.MetadataBeans"
            };
        }
    }
}
