package dev.wharf.runtime.maven;

import static dev.wharf.runtime.testing.TestRuntime.PASSWORD;
import static dev.wharf.runtime.testing.TestRuntime.READER;
import static dev.wharf.runtime.testing.TestRuntime.WRITER;
import static dev.wharf.runtime.testing.TestRuntime.basic;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.runtime.testing.TestRuntime;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Real builds through a proxy registry: Maven 3.9 and Debian's Maven 3.8, each with an empty local repository and a
 * mirror of everything set to registry {@code proxy}, resolve their plugins and a version range from its own content
 * and its upstream (a static Maven tree, {@link SeededPluginTree}, with test artifacts written into it), and
 * {@code mvn dependency:get} resolves a range and a {@code -SNAPSHOT} through it. Each build runs once.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class MavenProxyClientTest {

    private static final String LIB = "dev/wharf/proxied/lib";
    private static final String RANGE = "[1.0,2.0)";
    private static final String SNAPSHOT_BUILD = "3.0-20261201.120000-4";
    private static final String COMPILER =
            "org/apache/maven/plugins/maven-compiler-plugin/3.13.0/" + "maven-compiler-plugin-3.13.0.jar";

    private static final Map<String, byte[]> JARS = new ConcurrentHashMap<>();

    @TempDir
    static Path root;

    @TempDir
    static Path work;

    private static MavenInstallation maven38;
    private static MavenInstallation maven39;
    private static StaticMavenTree upstream;

    @LocalServerPort
    private int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void serveTheUpstream() {
        maven38 = MavenInstallation.debian().orElse(null);
        Assumptions.assumeTrue(
                maven38 != null, "mvn is not installed (apt-get install -y maven); the mvn proxy tests are skipped");
        maven39 = MavenInstallation.maven39();
        upstream = StaticMavenTree.serve(SeededPluginTree.ensure(List.of(maven39, maven38), work));
        for (String version : List.of("1.0", "1.5", "2.0")) {
            upstream.putWithSha1(LIB + "/" + version + "/lib-" + version + ".pom", pom(version))
                    .putWithSha1(LIB + "/" + version + "/lib-" + version + ".jar", jar(version));
        }
        upstream.putWithSha1(LIB + "/3.0-SNAPSHOT/lib-" + SNAPSHOT_BUILD + ".pom", pom("3.0-SNAPSHOT"))
                .putWithSha1(LIB + "/3.0-SNAPSHOT/lib-" + SNAPSHOT_BUILD + ".jar", jar(SNAPSHOT_BUILD))
                .putWithSha1(LIB + "/3.0-SNAPSHOT/maven-metadata.xml", snapshotMetadata())
                .putWithSha1(
                        LIB + "/maven-metadata.xml",
                        StaticMavenTree.metadata("dev.wharf.proxied", "lib", "1.0", "1.5", "2.0", "3.0-SNAPSHOT")
                                .getBytes(StandardCharsets.UTF_8));
    }

    @DynamicPropertySource
    static void configure(DynamicPropertyRegistry registry) {
        TestRuntime.configure(registry, root);
        MavenTestRuntime.write(root.resolve("config"), "proxy.yaml", """
                apiVersion: wharf.dev/v1alpha1
                kind: Registry
                metadata:
                  name: proxy
                spec:
                  format: maven
                  upstreamProxies: [plugin-tree]
                  access:
                    usersSecret: test-users
                    rules:
                      - {subjects: [{group: readers}], role: read}
                      - {subjects: [{group: writers}], role: write}
                ---
                apiVersion: wharf.dev/v1alpha1
                kind: UpstreamProxy
                metadata:
                  name: plugin-tree
                spec:
                  format: maven
                  url: %s
                """.formatted(upstream.url()));
    }

    @AfterAll
    static void stopTheUpstream() {
        if (upstream != null) {
            upstream.close();
        }
    }

    @Test
    void buildWithMaven39FromAnEmptyLocalRepositoryShouldResolvePluginsAndARangeOverOwnAndUpstreamVersions()
            throws IOException {
        assertBuildResolvesThroughTheProxy(maven39);
    }

    @Test
    void buildWithMaven38FromAnEmptyLocalRepositoryShouldResolvePluginsAndARangeOverOwnAndUpstreamVersions()
            throws IOException {
        assertBuildResolvesThroughTheProxy(maven38);
    }

    @Test
    void dependencyGetOfARangeWithMaven39ShouldResolveTheHighestVersionInItOfOwnContentAndUpstream()
            throws IOException {
        deployOwnVersion();
        Path repository = work.resolve("get-range-repository");

        MavenInstallation.Result got = maven39.run(
                settings(), repository, work, BuildProject.DEPENDENCY_GET, "-Dartifact=dev.wharf.proxied:lib:" + RANGE);

        assertThat(got.exit()).as(got.output()).isZero();
        assertThat(repository.resolve(LIB + "/1.7/lib-1.7.jar")).hasBinaryContent(jar("1.7"));
        assertThat(repository.resolve(LIB + "/1.5")).doesNotExist();
    }

    @Test
    void dependencyGetOfASnapshotWithMaven38ShouldResolveTheUpstreamsNewestBuild() throws IOException {
        Path repository = work.resolve("get-snapshot-repository");

        MavenInstallation.Result got = maven38.run(
                settings(),
                repository,
                work,
                BuildProject.DEPENDENCY_GET,
                "-Dartifact=dev.wharf.proxied:lib:3.0-SNAPSHOT");

        assertThat(got.exit()).as(got.output()).isZero();
        Path local = repository.resolve(LIB + "/3.0-SNAPSHOT");
        assertThat(local.resolve("lib-3.0-SNAPSHOT.jar")).hasBinaryContent(jar(SNAPSHOT_BUILD));
        assertThat(local.resolve("maven-metadata-wharf.xml")).content().contains("<buildNumber>4</buildNumber>");
    }

    /**
     * A build depending on {@code lib:[1.0,2.0)}: the registry's own 1.7 is above the upstream's 1.5, so it resolves
     * only if the registry merged both lists; every plugin comes from the upstream through the registry.
     */
    private void assertBuildResolvesThroughTheProxy(MavenInstallation maven) throws IOException {
        deployOwnVersion();
        String name = maven.name().replace(' ', '-');
        Path repository = work.resolve("build-repository-" + name);
        Path project = BuildProject.write(
                work.resolve("build-" + name),
                "app",
                "<dependency><groupId>dev.wharf.proxied</groupId><artifactId>lib</artifactId>" + "<version>" + RANGE
                        + "</version></dependency>");

        MavenInstallation.Result built = maven.run(
                settings(), repository, project, "package", BuildProject.DEPENDENCY_GET.replace(":get", ":list"));

        assertThat(built.exit()).as(built.output()).isZero();
        assertThat(built.output()).contains("dev.wharf.proxied:lib:jar:1.7:compile");
        assertThat(repository.resolve(LIB + "/1.7/lib-1.7.jar")).hasBinaryContent(jar("1.7"));
        assertThat(repository.resolve(COMPILER)).hasBinaryContent(Files.readAllBytes(SeededPluginTree.file(COMPILER)));
        assertThat(project.resolve("target/app-1.0.jar")).exists();
    }

    /** The registry's own version 1.7 of lib, deployed once (a release deployed again with the same bytes is a 200). */
    private void deployOwnVersion() {
        String dir = "http://localhost:" + port + "/maven/proxy/" + LIB + "/1.7/lib-1.7.";
        put(dir + "pom", pom("1.7"));
        put(dir + "jar", jar("1.7"));
    }

    private void put(String url, byte[] content) {
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create(url))
                            .header("Authorization", basic(WRITER))
                            .PUT(HttpRequest.BodyPublishers.ofByteArray(content))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode())
                    .as("PUT %s: %s", url, response.body())
                    .isIn(200, 201);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Settings mirroring every repository to registry {@code proxy}, snapshots enabled, as the reader. */
    private Path settings() throws IOException {
        return Files.writeString(work.resolve("settings.xml"), """
                <settings xmlns="http://maven.apache.org/SETTINGS/1.0.0">
                  <servers>
                    <server><id>wharf</id><username>%s</username><password>%s</password></server>
                  </servers>
                  <mirrors>
                    <mirror><id>wharf</id><mirrorOf>*</mirrorOf><url>http://localhost:%d/maven/proxy</url></mirror>
                  </mirrors>
                  <profiles>
                    <profile>
                      <id>snapshots</id>
                      <repositories>
                        <repository>
                          <id>central</id>
                          <url>https://repo.maven.apache.org/maven2</url>
                          <snapshots><enabled>true</enabled><updatePolicy>always</updatePolicy></snapshots>
                        </repository>
                      </repositories>
                    </profile>
                  </profiles>
                  <activeProfiles><activeProfile>snapshots</activeProfile></activeProfiles>
                </settings>
                """.formatted(READER, PASSWORD, port));
    }

    private static byte[] pom(String version) {
        return ("<project xmlns=\"http://maven.apache.org/POM/4.0.0\"><modelVersion>4.0.0</modelVersion>"
                        + "<groupId>dev.wharf.proxied</groupId><artifactId>lib</artifactId><version>" + version
                        + "</version></project>")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** A jar holding one entry that names its version; the same bytes for the same version. */
    private static byte[] jar(String version) {
        return JARS.computeIfAbsent(version, MavenProxyClientTest::newJar).clone();
    }

    private static byte[] newJar(String version) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream out = new JarOutputStream(bytes, new Manifest())) {
            JarEntry entry = new JarEntry("dev/wharf/proxied/version.txt");
            out.putNextEntry(entry);
            out.write(version.getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static byte[] snapshotMetadata() {
        String timestamp = "20261201.120000";
        List<String> kinds = new ArrayList<>();
        for (String extension : List.of("jar", "pom")) {
            kinds.add("<snapshotVersion><extension>" + extension + "</extension><value>" + SNAPSHOT_BUILD
                    + "</value><updated>20261201120000</updated></snapshotVersion>");
        }
        return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<metadata modelVersion=\"1.1.0\">"
                        + "<groupId>dev.wharf.proxied</groupId><artifactId>lib</artifactId><version>3.0-SNAPSHOT</version>"
                        + "<versioning><snapshot><timestamp>" + timestamp + "</timestamp><buildNumber>4</buildNumber>"
                        + "</snapshot><lastUpdated>20261201120000</lastUpdated><snapshotVersions>"
                        + String.join("", kinds) + "</snapshotVersions></versioning></metadata>")
                .getBytes(StandardCharsets.UTF_8);
    }
}
