package dev.wharf.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/** Where the configuration is read: the option, then samples/local in the working directory, then the jar's copy. */
class ManifestSourceResolverTest {

    @TempDir
    Path workingDirectory;

    private final PathMatchingResourcePatternResolver classpath = new PathMatchingResourcePatternResolver();

    @Test
    void resolveWhenConfigDirIsSetShouldReadIt() {
        Path configured = workingDirectory.resolve("etc");
        ConfigFixtures.write(configured, "npm.yaml", ConfigFixtures.registry("npm", "npm", ""));
        ConfigFixtures.write(workingDirectory.resolve("samples/local"), "other.yaml", "ignored");

        ManifestSource source = ManifestSourceResolver.resolve(configured, workingDirectory, classpath);

        assertThat(source.description()).isEqualTo(configured.toString());
        assertThat(source.watchedDirectory()).contains(configured);
    }

    @Test
    void resolveWhenConfigDirIsSetButMissingShouldRefuseToStart() {
        Path missing = workingDirectory.resolve("typo");

        assertThatIllegalStateException()
                .isThrownBy(() -> ManifestSourceResolver.resolve(missing, workingDirectory, classpath))
                .withMessage("wharf.config-dir is " + missing.toAbsolutePath()
                        + ", which is not a directory: set it to the directory holding the Registry manifests");
    }

    @Test
    void resolveWhenUnsetAndSamplesLocalExistsShouldReadIt() {
        ConfigFixtures.write(workingDirectory.resolve("samples/local"), "npm.yaml", "x");

        ManifestSource source = ManifestSourceResolver.resolve(null, workingDirectory, classpath);

        assertThat(source.watchedDirectory()).contains(workingDirectory.resolve("samples/local"));
    }

    @Test
    void resolveWhenUnsetAndNoSamplesShouldReadTheCopyOnTheClasspathAndLoadItWithoutProblems() {
        ManifestSource source = ManifestSourceResolver.resolve(null, workingDirectory, classpath);

        RuntimeConfiguration configuration = load(source);

        assertThat(source.description()).isEqualTo("classpath:wharf/samples/local/");
        assertThat(source.watchedDirectory()).isEmpty();
        assertThat(configuration.problems()).isEmpty();
        assertThat(configuration.registries()).containsOnlyKeys("docker", "generic", "helm", "maven", "npm", "pypi");
    }

    @Test
    void readWhenTheSamplesArePackagedInAJarShouldListThemFromTheJarEntries() throws IOException {
        Path jar = workingDirectory.resolve("wharf.jar");
        try (OutputStream out = Files.newOutputStream(jar);
                JarOutputStream entries = new JarOutputStream(out);
                Stream<Path> samples = Files.list(ConfigFixtures.SAMPLES)) {
            // The directory entries the maven-jar-plugin and Spring Boot's repackager write: the class loader finds
            // the folder through them, and only then are its files listed.
            for (String directory : List.of("wharf/", "wharf/samples/", "wharf/samples/local/")) {
                entries.putNextEntry(new JarEntry(directory));
                entries.closeEntry();
            }
            for (Path sample : samples.sorted().toList()) {
                entries.putNextEntry(new JarEntry("wharf/samples/local/" + sample.getFileName()));
                entries.write(Files.readAllBytes(sample));
                entries.closeEntry();
            }
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            ManifestSource source = new PackagedManifestReader(
                    new PathMatchingResourcePatternResolver(loader), ManifestSourceResolver.PACKAGED_SAMPLES);

            ManifestFiles files = source.read();
            RuntimeConfiguration configuration = load(source);

            assertThat(files.files())
                    .extracting(ManifestFile::path)
                    .contains("classpath:wharf/samples/local/npm.yaml", "classpath:wharf/samples/local/users.yaml");
            assertThat(configuration.problems()).isEmpty();
            assertThat(configuration.registries()).hasSize(6);
            assertThat(configuration.secrets().exists("wharf-local-users")).isTrue();
        }
    }

    @Test
    void readWhenNothingIsPackagedShouldReportIt() throws IOException {
        try (URLClassLoader empty = new URLClassLoader(new URL[0], null)) {
            ManifestSource source = new PackagedManifestReader(
                    new PathMatchingResourcePatternResolver(empty), ManifestSourceResolver.PACKAGED_SAMPLES);

            assertThat(source.read().problems())
                    .extracting(ConfigProblem::toString)
                    .containsExactly("classpath:wharf/samples/local/: no *.yaml or *.yml manifests are packaged there");
        }
    }

    private RuntimeConfiguration load(ManifestSource source) {
        ConfigurationLoader loader = new ConfigurationLoader(
                source, ConfigFixtures.parser(), new MountedSecrets(workingDirectory.resolve("no-secrets")));
        return loader.load(loader.read(), ConfigFixtures.CLOCK.instant());
    }
}
