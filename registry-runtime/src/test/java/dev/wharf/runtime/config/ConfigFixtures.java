package dev.wharf.runtime.config;

import dev.wharf.api.v1alpha1.validation.ManifestValidator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** Manifests, directories and loaders shared by the configuration tests. */
final class ConfigFixtures {

    /** The real local-mode samples; tests run in the module directory. */
    static final Path SAMPLES = Path.of("../samples/local");

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);

    private static final ManifestValidator VALIDATOR = ManifestValidator.forPackagedCrds();

    private ConfigFixtures() {}

    static ManifestParser parser() {
        return new ManifestParser(VALIDATOR);
    }

    static ConfigurationLoader loader(Path configDir, Path secretsDir) {
        return new ConfigurationLoader(
                new ManifestDirectoryReader(configDir), parser(), new MountedSecrets(secretsDir));
    }

    /** Loads {@code configDir} once, with mounted Secrets under {@code secretsDir}. */
    static RuntimeConfiguration load(Path configDir, Path secretsDir) {
        ConfigurationLoader loader = loader(configDir, secretsDir);
        return loader.load(loader.read(), CLOCK.instant());
    }

    static ConfigurationStore store(Path configDir, Path secretsDir) {
        return new ConfigurationStore(loader(configDir, secretsDir), Clock.systemUTC());
    }

    static Path write(Path dir, String name, String content) {
        try {
            Files.createDirectories(dir);
            return Files.writeString(dir.resolve(name), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String registry(String name, String format, String spec) {
        return """
                apiVersion: wharf.dev/v1alpha1
                kind: Registry
                metadata:
                  name: %s
                spec:
                  format: %s
                %s""".formatted(name, format, spec.indent(2));
    }

    static String upstreamProxy(String name, String format, String url) {
        return """
                apiVersion: wharf.dev/v1alpha1
                kind: UpstreamProxy
                metadata:
                  name: %s
                spec:
                  format: %s
                  url: %s
                """.formatted(name, format, url);
    }

    static String secret(String name, String stringData) {
        return """
                apiVersion: v1
                kind: Secret
                metadata:
                  name: %s
                stringData:
                %s""".formatted(name, stringData.indent(2));
    }
}
