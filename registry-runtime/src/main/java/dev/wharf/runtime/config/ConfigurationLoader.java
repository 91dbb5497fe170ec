package dev.wharf.runtime.config;

import dev.wharf.api.v1alpha1.validation.ManifestValidator;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.springframework.core.io.support.ResourcePatternResolver;

/** Reads the manifest source and turns what it holds into a {@link RuntimeConfiguration}. */
final class ConfigurationLoader {

    private final ManifestSource source;
    private final ManifestParser parser;
    private final MountedSecrets mountedSecrets;

    /** The loader of the configuration these settings name, finding packaged defaults through {@code resources}. */
    static ConfigurationLoader of(EarlyConfigurationLoad.Settings settings, ResourcePatternResolver resources) {
        ManifestSource source = ManifestSourceResolver.resolve(settings.configDir(), Path.of(""), resources);
        return new ConfigurationLoader(
                source,
                new ManifestParser(ManifestValidator.forPackagedCrds()),
                new MountedSecrets(settings.secretsDir()));
    }

    ConfigurationLoader(ManifestSource source, ManifestParser parser, MountedSecrets mountedSecrets) {
        this.source = source;
        this.parser = parser;
        this.mountedSecrets = mountedSecrets;
    }

    /** Reads every file now, with a fingerprint that also covers the names of the mounted Secrets. */
    Snapshot read() {
        ManifestFiles files = source.read();
        return new Snapshot(files, files.fingerprint(mountedSecrets.listing()));
    }

    /** Parses, validates and cross-checks what {@link #read()} returned. */
    RuntimeConfiguration load(Snapshot snapshot, Instant now) {
        return ConfigurationAssembler.assemble(
                parser.parse(snapshot.files()), mountedSecrets, source.description(), snapshot.fingerprint(), now);
    }

    String description() {
        return source.description();
    }

    Optional<Path> watchedDirectory() {
        return source.watchedDirectory();
    }

    /**
     * The files of one read and their fingerprint.
     *
     * @param files the files read
     * @param fingerprint their SHA-256, with the mounted Secrets' names
     */
    record Snapshot(ManifestFiles files, String fingerprint) {}
}
