package dev.wharf.runtime.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Many builds deploying one artifact at the same time to one runtime (embedded H2, filesystem): distinct releases and
 * snapshot versions, and distinct builds of one snapshot version, each build uploading a {@code maven-metadata.xml}
 * that lists only its own version or build. Every version and every build's files end in the server's documents.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class MavenConcurrentDeploysTest {

    static final int RELEASES = 12;
    static final int SNAPSHOT_VERSIONS = 4;
    static final int BUILDS = 8;

    @TempDir
    static Path root;

    @DynamicPropertySource
    static void configure(DynamicPropertyRegistry registry) {
        MavenTestRuntime.configure(registry, root);
    }

    @LocalServerPort
    private int port;

    @Test
    void versionsDeployedConcurrentlyShouldAllBeListedInTheArtifactMetadata() {
        ResolverDeploys deploys = new ResolverDeploys("org.example.concurrent", "versions");

        ResolverDeploys.concurrently(versionDeploys(deploys, List.of(repository())));

        assertEveryVersionListed(deploys, repository());
    }

    @Test
    void buildsOfOneSnapshotDeployedConcurrentlyShouldAllBeInTheSnapshotMetadata() {
        ResolverDeploys deploys = new ResolverDeploys("org.example.concurrent", "builds");

        ResolverDeploys.concurrently(buildDeploys(deploys, List.of(repository())));

        assertEveryBuildListed(deploys, repository());
    }

    /** Releases {@code 1.0}..{@code 1.11} and snapshots {@code 2.0-SNAPSHOT}..{@code 2.3-SNAPSHOT}, spread over the repositories. */
    static List<Runnable> versionDeploys(ResolverDeploys deploys, List<String> repositories) {
        List<Runnable> tasks = new ArrayList<>();
        for (int i = 0; i < RELEASES; i++) {
            String repository = repositories.get(i % repositories.size());
            String version = "1." + i;
            tasks.add(() -> deploys.release(repository, version));
        }
        for (int i = 0; i < SNAPSHOT_VERSIONS; i++) {
            String repository = repositories.get(i % repositories.size());
            String version = "2." + i;
            tasks.add(() -> deploys.snapshot(repository, version, 1, "all"));
        }
        return tasks;
    }

    /** Builds 1..{@link #BUILDS} of {@code 3.0-SNAPSHOT}, build {@code n} of platform {@code platform-n}. */
    static List<Runnable> buildDeploys(ResolverDeploys deploys, List<String> repositories) {
        List<Runnable> tasks = new ArrayList<>();
        for (int n = 1; n <= BUILDS; n++) {
            String repository = repositories.get(n % repositories.size());
            int build = n;
            tasks.add(() -> deploys.snapshot(repository, "3.0", build, "platform-" + build));
        }
        return tasks;
    }

    static void assertEveryVersionListed(ResolverDeploys deploys, String repository) {
        List<String> expected = new ArrayList<>();
        IntStream.range(0, RELEASES).forEach(i -> expected.add("1." + i));
        IntStream.range(0, SNAPSHOT_VERSIONS).forEach(i -> expected.add("2." + i + "-SNAPSHOT"));

        MavenMetadata metadata = deploys.artifactMetadata(repository);

        assertThat(metadata.versions()).containsExactlyElementsOf(expected);
        assertThat(metadata.release()).isEqualTo("1." + (RELEASES - 1));
        assertThat(metadata.latest()).isEqualTo("2." + (SNAPSHOT_VERSIONS - 1) + "-SNAPSHOT");
        for (int i = 0; i < RELEASES; i++) {
            String version = "1." + i;
            String name = "versions-" + version;
            assertThat(deploys.file(repository, version, name + ".pom")).isEqualTo(ResolverDeploys.pom(version));
            assertThat(new String(deploys.file(repository, version, name + ".jar.sha1")))
                    .isEqualTo(ChecksumAlgorithm.SHA1.of(ResolverDeploys.jar(version, null)));
        }
        for (int i = 0; i < SNAPSHOT_VERSIONS; i++) {
            String unique = ResolverDeploys.uniqueVersion("2." + i, 1);
            assertThat(deploys.snapshotMetadata(repository, "2." + i + "-SNAPSHOT")
                            .snapshotVersions())
                    .extracting(MavenMetadata.SnapshotVersion::value)
                    .containsExactly(unique, unique);
        }
    }

    static void assertEveryBuildListed(ResolverDeploys deploys, String repository) {
        MavenMetadata snapshot = deploys.snapshotMetadata(repository, "3.0-SNAPSHOT");

        assertThat(snapshot.snapshot()).isNotNull();
        assertThat(snapshot.snapshot().buildNumber()).isEqualTo(BUILDS);
        List<String> expected = new ArrayList<>();
        for (int n = 1; n <= BUILDS; n++) {
            expected.add("platform-" + n + ":jar:" + ResolverDeploys.uniqueVersion("3.0", n));
        }
        expected.add(":pom:" + ResolverDeploys.uniqueVersion("3.0", BUILDS));
        assertThat(snapshot.snapshotVersions())
                .extracting(each -> each.classifier() + ":" + each.extension() + ":" + each.value())
                .containsExactlyInAnyOrderElementsOf(expected);
        for (int n = 1; n <= BUILDS; n++) {
            String unique = ResolverDeploys.uniqueVersion("3.0", n);
            assertThat(deploys.file(repository, "3.0-SNAPSHOT", "builds-" + unique + "-platform-" + n + ".jar"))
                    .isEqualTo(ResolverDeploys.jar(unique, "platform-" + n));
            assertThat(deploys.file(repository, "3.0-SNAPSHOT", "builds-3.0-SNAPSHOT-platform-" + n + ".jar"))
                    .isEqualTo(ResolverDeploys.jar(unique, "platform-" + n));
        }
        assertThat(deploys.artifactMetadata(repository).versions()).containsExactly("3.0-SNAPSHOT");
    }

    private String repository() {
        return "http://localhost:" + port + "/maven/" + MavenTestRuntime.JARS;
    }
}
