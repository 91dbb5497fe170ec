package dev.wharf.runtime.maven;

import static dev.wharf.runtime.testing.TestRuntime.PASSWORD;
import static dev.wharf.runtime.testing.TestRuntime.READER;
import static dev.wharf.runtime.testing.TestRuntime.WRITER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.runtime.testing.TestRuntime;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
 * Debian's {@code mvn} deploys to and resolves from registry {@code jars} of the running runtime: releases and
 * snapshots with {@code mvn deploy}, resolution with {@code mvn dependency:get} from an empty local repository, a
 * redeployed release and an anonymous deploy refused. Every run gets its own local repository; the plugins Maven needs
 * come from Maven Central once and are kept in {@code target/maven-client-plugins} for later runs.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class MavenClientTest {

    private static final Path MVN = Path.of("/usr/bin/mvn");
    private static final Path PLUGINS =
            Path.of("target", "maven-client-plugins").toAbsolutePath();
    private static final String GROUP = "dev.wharf.client";
    private static final String DEPENDENCY = "org.apache.maven.plugins:maven-dependency-plugin:3.8.1";

    @TempDir
    static Path root;

    @TempDir
    static Path work;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void configure(DynamicPropertyRegistry registry) {
        TestRuntime.configure(registry, root);
    }

    @BeforeAll
    static void mvnIsInstalled() throws IOException {
        Assumptions.assumeTrue(
                Files.isExecutable(MVN), "mvn is not installed (apt-get install -y maven); the mvn tests are skipped");
        Files.createDirectories(PLUGINS);
    }

    @AfterAll
    static void keepThePlugins() throws IOException {
        // What Maven fetched from Central into the runs' local repositories, for the next run; never the test's own.
        try (Stream<Path> repositories =
                Files.list(work).filter(dir -> dir.getFileName().toString().startsWith("repo-"))) {
            for (Path repository : repositories.toList()) {
                copyTree(repository, PLUGINS, path -> !path.startsWith(repository.resolve("dev/wharf/client")));
            }
        }
    }

    @Test
    void mvnDeployOfAReleaseShouldStoreItsFilesAndChecksumsAndAnEmptyLocalRepositoryShouldResolveIt() throws Exception {
        Path project = project("lib", "1.0", "");

        String deployed = mvn(true, project, "deploy");

        assertThat(deployed).contains("BUILD SUCCESS");
        String dir = "/maven/jars/dev/wharf/client/lib/1.0/";
        byte[] pom = Files.readAllBytes(project.resolve("pom.xml"));
        assertThat(get(dir + "lib-1.0.pom").body()).isEqualTo(new String(pom, StandardCharsets.UTF_8));
        assertThat(get(dir + "lib-1.0.pom.sha1").body()).isEqualTo(ChecksumAlgorithm.SHA1.of(pom));
        assertThat(get(dir + "lib-1.0.pom.sha512").body()).isEqualTo(ChecksumAlgorithm.SHA512.of(pom));
        assertThat(get(dir + "lib-1.0.jar").statusCode()).isEqualTo(200);
        assertThat(get("/maven/jars/dev/wharf/client/lib/maven-metadata.xml").body())
                .contains("<release>1.0</release>")
                .contains("<version>1.0</version>");

        Result resolved = run(
                settings(false), work, DEPENDENCY + ":get", "-Dartifact=" + GROUP + ":lib:1.0", "-Dtransitive=false");

        assertThat(resolved.exit()).as(resolved.output()).isZero();
        assertThat(resolved.repository().resolve("dev/wharf/client/lib/1.0/lib-1.0.jar"))
                .hasBinaryContent(getBytes(dir + "lib-1.0.jar"));
    }

    @Test
    void mvnDeployOfAReleaseAgainShouldFailWith409AndLeaveTheFirstDeploy() throws Exception {
        Path project = project("fixed", "1.0", "");
        assertThat(mvn(true, project, "deploy")).contains("BUILD SUCCESS");
        String first =
                get("/maven/jars/dev/wharf/client/fixed/1.0/fixed-1.0.pom").body();
        Files.writeString(
                project.resolve("pom.xml"),
                first.replace("</project>", "<description>changed</description></project>"));

        String again = mvnFailing(true, project, "deploy");

        assertThat(again).contains("409");
        assertThat(get("/maven/jars/dev/wharf/client/fixed/1.0/fixed-1.0.pom").body())
                .isEqualTo(first);
    }

    @Test
    void mvnDeployOfASnapshotTwiceShouldListTheNewestBuildAndResolveIt() throws Exception {
        Path project = project("snap", "2.0-SNAPSHOT", "");
        assertThat(mvn(true, project, "deploy")).contains("BUILD SUCCESS");
        assertThat(mvn(true, project, "deploy")).contains("BUILD SUCCESS");

        String metadata = get("/maven/jars/dev/wharf/client/snap/2.0-SNAPSHOT/maven-metadata.xml")
                .body();
        assertThat(metadata).contains("<buildNumber>2</buildNumber>").contains("<extension>pom</extension>");
        assertThat(get("/maven/jars/dev/wharf/client/snap/maven-metadata.xml").body())
                .contains("<version>2.0-SNAPSHOT</version>");

        Result resolved = run(
                settings(false),
                work,
                DEPENDENCY + ":get",
                "-Dartifact=" + GROUP + ":snap:2.0-SNAPSHOT",
                "-Dtransitive=false");

        assertThat(resolved.exit()).as(resolved.output()).isZero();
        Path local = resolved.repository().resolve("dev/wharf/client/snap/2.0-SNAPSHOT");
        assertThat(local.resolve("maven-metadata-wharf.xml")).content().contains("<buildNumber>2</buildNumber>");
        assertThat(local.resolve("snap-2.0-SNAPSHOT.jar"))
                .hasBinaryContent(getBytes("/maven/jars/dev/wharf/client/snap/2.0-SNAPSHOT/snap-2.0-SNAPSHOT.jar"));
    }

    @Test
    void buildWhenItDependsOnAVersionRangeShouldResolveTheHighestDeployedVersionInIt() throws Exception {
        for (String version : new String[] {"1.2", "1.10", "2.0"}) {
            assertThat(mvn(true, project("ranged", version, ""), "deploy")).contains("BUILD SUCCESS");
        }
        Path app = project(
                "app",
                "1.0",
                "<dependency><groupId>" + GROUP + "</groupId><artifactId>ranged</artifactId>"
                        + "<version>[1.0,2.0)</version></dependency>");

        String resolved = mvn(false, app, DEPENDENCY + ":resolve");

        assertThat(resolved).contains("BUILD SUCCESS").contains(GROUP + ":ranged:jar:1.10:compile");
    }

    @Test
    void mvnDeployWhenAnonymousShouldFailWith401() throws Exception {
        String refused = mvnFailing(false, project("anonymous", "1.0", ""), "deploy");

        assertThat(refused).contains("401");
        assertThat(get("/maven/jars/dev/wharf/client/anonymous/1.0/anonymous-1.0.pom")
                        .statusCode())
                .isEqualTo(404);
    }

    /** A jar project without sources, deploying to registry {@code jars}. */
    private Path project(String artifactId, String version, String dependencies) throws IOException {
        Path dir = Files.createDirectories(work.resolve("project-" + artifactId + "-" + version));
        String url = repository();
        Files.writeString(dir.resolve("pom.xml"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>%s</groupId>
                  <artifactId>%s</artifactId>
                  <version>%s</version>
                  <properties>
                    <maven.compiler.release>17</maven.compiler.release>
                    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
                  </properties>
                  <dependencies>%s</dependencies>
                  <build>
                    <pluginManagement>
                      <plugins>
                        <plugin><artifactId>maven-resources-plugin</artifactId><version>3.3.1</version></plugin>
                        <plugin><artifactId>maven-compiler-plugin</artifactId><version>3.13.0</version></plugin>
                        <plugin><artifactId>maven-surefire-plugin</artifactId><version>3.5.2</version></plugin>
                        <plugin><artifactId>maven-jar-plugin</artifactId><version>3.4.2</version></plugin>
                        <plugin><artifactId>maven-install-plugin</artifactId><version>3.1.3</version></plugin>
                        <plugin><artifactId>maven-deploy-plugin</artifactId><version>3.1.3</version></plugin>
                      </plugins>
                    </pluginManagement>
                  </build>
                  <distributionManagement>
                    <repository><id>wharf</id><url>%s</url></repository>
                    <snapshotRepository><id>wharf</id><url>%s</url></snapshotRepository>
                  </distributionManagement>
                </project>
                """.formatted(GROUP, artifactId, version, dependencies, url, url));
        return dir;
    }

    private String repository() {
        return "http://localhost:" + port + "/maven/jars";
    }

    /** Settings with the writer's or the reader's credentials (none at all for {@code anonymous}) and Wharf's repo. */
    private Path settings(boolean writer) throws IOException {
        String user = writer ? WRITER : READER;
        Path settings = work.resolve("settings-" + user + ".xml");
        Files.writeString(settings, """
                <settings xmlns="http://maven.apache.org/SETTINGS/1.0.0">
                  <servers>
                    <server><id>wharf</id><username>%s</username><password>%s</password></server>
                  </servers>
                  <profiles>
                    <profile>
                      <id>wharf</id>
                      <repositories>
                        <repository>
                          <id>wharf</id>
                          <url>%s</url>
                          <releases><enabled>true</enabled></releases>
                          <snapshots><enabled>true</enabled><updatePolicy>always</updatePolicy></snapshots>
                        </repository>
                      </repositories>
                    </profile>
                  </profiles>
                  <activeProfiles><activeProfile>wharf</activeProfile></activeProfiles>
                </settings>
                """.formatted(user, PASSWORD, repository()));
        return settings;
    }

    private Path anonymousSettings() throws IOException {
        Path settings = work.resolve("settings-anonymous.xml");
        Files.writeString(settings, "<settings xmlns=\"http://maven.apache.org/SETTINGS/1.0.0\"/>");
        return settings;
    }

    private String mvn(boolean writer, Path dir, String... goals) throws Exception {
        Result result = run(settings(writer), dir, goals);
        assertThat(result.exit()).as(result.output()).isZero();
        return result.output();
    }

    private String mvnFailing(boolean writer, Path dir, String... goals) throws Exception {
        Result result = run(writer ? settings(true) : anonymousSettings(), dir, goals);
        assertThat(result.exit()).as(result.output()).isNotZero();
        return result.output();
    }

    /** Runs mvn in batch mode with a new local repository holding the kept plugins. */
    private static Result run(Path settings, Path dir, String... goals) throws Exception {
        Path repository = Files.createTempDirectory(work, "repo-");
        copyTree(PLUGINS, repository, path -> true);
        List<String> command = new ArrayList<>(
                List.of(MVN.toString(), "-B", "-s", settings.toString(), "-Dmaven.repo.local=" + repository, "-ntp"));
        command.addAll(List.of(goals));
        Path log = Files.createTempFile(work, "mvn-", ".log");
        Process process = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("mvn finished").isTrue();
        return new Result(process.exitValue(), Files.readString(log), repository);
    }

    private byte[] getBytes(String path) throws Exception {
        HttpResponse<byte[]> response = send(path, HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return response.body();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return send(path, HttpResponse.BodyHandlers.ofString());
    }

    private <T> HttpResponse<T> send(String path, HttpResponse.BodyHandler<T> handler) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header(
                        "Authorization",
                        "Basic "
                                + Base64.getEncoder()
                                        .encodeToString((READER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .build();
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(request, handler);
        }
    }

    private static void copyTree(Path from, Path to, java.util.function.Predicate<Path> keep) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : paths.filter(keep).toList()) {
                Path target = to.resolve(from.relativize(path).toString());
                try {
                    if (Files.isDirectory(path)) {
                        Files.createDirectories(target);
                    } else if (!Files.exists(target)) {
                        Files.copy(path, target, StandardCopyOption.COPY_ATTRIBUTES);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }

    /** mvn's exit status and output, and the local repository it used. */
    private record Result(int exit, String output, Path repository) {}
}
