package dev.wharf.runtime.config;

import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.support.ResourcePatternResolver;

/**
 * Chooses where the manifests are read: {@code --wharf.config-dir} when set; else {@code samples/local} in the working
 * directory when it exists (running from a checkout); else the copy of the samples packaged in the jar.
 */
final class ManifestSourceResolver {

    static final String LOCAL_SAMPLES = "samples/local";
    static final String PACKAGED_SAMPLES = "wharf/samples/local/";

    private static final Logger LOG = LoggerFactory.getLogger(ManifestSourceResolver.class);

    private ManifestSourceResolver() {}

    /**
     * The source to read.
     *
     * @param configDir {@code wharf.config-dir}, or null when unset
     * @param workingDirectory where {@code samples/local} is looked for, normally {@code Path.of("")}
     * @param resources finds the packaged samples in the jar
     * @throws IllegalStateException when {@code configDir} is set but is not a directory: a mistyped option must stop
     *     the start, not serve an empty configuration
     */
    static ManifestSource resolve(@Nullable Path configDir, Path workingDirectory, ResourcePatternResolver resources) {
        if (configDir != null) {
            if (!Files.isDirectory(configDir)) {
                throw new IllegalStateException("wharf.config-dir is " + configDir.toAbsolutePath()
                        + ", which is not a directory: set it to the directory holding the Registry manifests");
            }
            LOG.info("Reading the configuration from {} (wharf.config-dir)", configDir);
            return new ManifestDirectoryReader(configDir);
        }
        Path samples = workingDirectory.resolve(LOCAL_SAMPLES);
        if (Files.isDirectory(samples)) {
            LOG.info(
                    "Reading the configuration from {} in the working directory {} (no wharf.config-dir set)",
                    samples,
                    workingDirectory.toAbsolutePath());
            return new ManifestDirectoryReader(samples);
        }
        LOG.info(
                "Reading the configuration packaged in the jar, classpath:{} (no wharf.config-dir set, and no {} in {})",
                PACKAGED_SAMPLES,
                LOCAL_SAMPLES,
                workingDirectory.toAbsolutePath());
        return new PackagedManifestReader(resources, PACKAGED_SAMPLES);
    }
}
