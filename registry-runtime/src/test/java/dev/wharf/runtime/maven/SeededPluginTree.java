package dev.wharf.runtime.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The folder of a {@link StaticMavenTree} holding every plugin (and the plugins' dependencies) that {@link BuildProject}
 * builds and {@code dependency:get} need under each Maven installation, in the remote layout with a {@code .sha1} beside
 * every file. It is fetched from Maven Central once, by running those builds against Central with empty local
 * repositories, and kept in {@code target/maven-proxy-upstream} for later runs, so the proxy tests themselves never
 * reach Central.
 */
final class SeededPluginTree {

    private static final Path TREE = Path.of("target", "maven-proxy-upstream").toAbsolutePath();
    private static final String SEEDED = ".seeded";

    private SeededPluginTree() {}

    /** The tree's folder, seeded first if an earlier run did not finish seeding it; {@code work} takes the seeding. */
    static Path ensure(List<MavenInstallation> mavens, Path work) {
        Path marker = TREE.resolve(SEEDED);
        if (Files.exists(marker)) {
            return TREE;
        }
        try {
            for (MavenInstallation maven : mavens) {
                Path dir = Files.createTempDirectory(work, "seed-");
                Path repository = dir.resolve("repository");
                Path project = BuildProject.write(dir.resolve("project"), "seed", "");
                Path settings = Files.writeString(
                        dir.resolve("settings.xml"), "<settings xmlns=\"http://maven.apache.org/SETTINGS/1.0.0\"/>");
                MavenInstallation.Result seeded = maven.run(
                        settings,
                        repository,
                        project,
                        "package",
                        BuildProject.DEPENDENCY_GET,
                        "-Dartifact=org.hamcrest:hamcrest-core:1.3");
                assertThat(seeded.exit())
                        .as("%s seeding %s from Maven Central: %s", maven.name(), TREE, seeded.output())
                        .isZero();
                copyAsRemote(repository);
            }
            Files.writeString(marker, "seeded by " + mavens + "\n");
            return TREE;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The file at {@code path} (relative) of the tree as seeded. */
    static Path file(String path) {
        return TREE.resolve(path);
    }

    /** Copies a local repository's artifacts into the tree, each with its {@code .sha1}; Maven's own records not. */
    private static void copyAsRemote(Path repository) throws IOException {
        try (Stream<Path> paths = Files.walk(repository)) {
            for (Path file : paths.filter(Files::isRegularFile).toList()) {
                String name = file.getFileName().toString();
                Path target = TREE.resolve(repository.relativize(file).toString());
                if (name.equals("maven-metadata-central.xml")) {
                    target = target.resolveSibling("maven-metadata.xml");
                } else if (name.startsWith("maven-metadata-")
                        || name.startsWith("_")
                        || name.endsWith(".lastUpdated")
                        || name.equals("resolver-status.properties")
                        || ChecksumAlgorithm.ofFileName(name).isPresent()) {
                    continue;
                }
                byte[] content = Files.readAllBytes(file);
                Files.createDirectories(target.getParent());
                Files.write(target, content);
                Files.writeString(
                        target.resolveSibling(target.getFileName() + ".sha1"), ChecksumAlgorithm.SHA1.of(content));
            }
        }
    }
}
