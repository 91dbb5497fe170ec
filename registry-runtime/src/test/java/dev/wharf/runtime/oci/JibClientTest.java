package dev.wharf.runtime.oci;

import static dev.wharf.runtime.testing.TestRuntime.PASSWORD;
import static dev.wharf.runtime.testing.TestRuntime.READER;
import static dev.wharf.runtime.testing.TestRuntime.WRITER;
import static dev.wharf.runtime.testing.TestRuntime.basic;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Jib (Google's jib-maven-plugin, run by the repository's Maven wrapper) builds a small Java application and pushes its
 * image to the running runtime through Docker's token authentication; the image is then pulled back as Jib pushed it.
 * The base image is {@code scratch}, so no other registry is needed.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class JibClientTest {

    private static final String JIB_VERSION = "3.5.2";
    private static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    private static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {};

    @TempDir
    static Path root;

    @DynamicPropertySource
    static void configure(DynamicPropertyRegistry registry) {
        OciTestRuntime.configure(registry, root);
    }

    @LocalServerPort
    private int port;

    @Autowired
    private WebTestClient client;

    @Test
    void jibShouldBuildAndPushAJavaApplicationImageThatPullsBackAsPushed(@TempDir Path project) throws Exception {
        Path wrapper = Path.of("..", "mvnw").toAbsolutePath().normalize();
        Assumptions.assumeTrue(Files.isExecutable(wrapper), "the Maven wrapper is not at " + wrapper);
        writeProject(project);

        // Not offline (-o): Jib refuses to push to any registry in Maven's offline mode.
        List<String> command = List.of(
                wrapper.toString(),
                "-B",
                "-q",
                "-f",
                project.resolve("pom.xml").toString(),
                "package",
                "com.google.cloud.tools:jib-maven-plugin:" + JIB_VERSION + ":build",
                "-Djib.to.image=localhost:" + port + "/images/tools/jib-app:1.0",
                "-Djib.to.auth.username=" + WRITER,
                "-Djib.to.auth.password=" + PASSWORD,
                "-Djib.allowInsecureRegistries=true",
                "-DsendCredentialsOverHttp=true",
                "-Djib.from.image=scratch",
                "-Djib.container.entrypoint=/bin/app");
        Path log = project.resolve("maven.log");
        Process maven = new ProcessBuilder(command)
                .directory(project.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        boolean finished = maven.waitFor(8, TimeUnit.MINUTES);
        if (!finished) {
            maven.destroyForcibly();
        }
        assertThat(finished && maven.exitValue() == 0)
                .as("jib build failed:%n%s", Files.readString(log, StandardCharsets.UTF_8))
                .isTrue();

        Map<String, Object> manifest = client.get()
                .uri("/v2/images/tools/jib-app/manifests/1.0")
                .header(HttpHeaders.AUTHORIZATION, basic(READER))
                .header(HttpHeaders.ACCEPT, OCI_MANIFEST + ", " + DOCKER_MANIFEST)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JSON)
                .returnResult()
                .getResponseBody();
        assertThat(manifest).isNotNull();
        @SuppressWarnings("unchecked")
        Map<String, Object> config = (Map<String, Object>) manifest.get("config");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> layers = (List<Map<String, Object>>) manifest.get("layers");
        assertThat(layers)
                .as("the application's classes and resources as layers")
                .isNotEmpty();

        byte[] imageConfig = client.get()
                .uri("/v2/images/tools/jib-app/blobs/" + config.get("digest"))
                .header(HttpHeaders.AUTHORIZATION, basic(READER))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(byte[].class)
                .returnResult()
                .getResponseBody();
        assertThat(new String(imageConfig == null ? new byte[0] : imageConfig, StandardCharsets.UTF_8))
                .as("the image configuration Jib wrote")
                .contains("/bin/app");
        for (Map<String, Object> layer : layers) {
            client.head()
                    .uri("/v2/images/tools/jib-app/blobs/" + layer.get("digest"))
                    .header(HttpHeaders.AUTHORIZATION, basic(READER))
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectHeader()
                    .valueEquals(HttpHeaders.CONTENT_LENGTH, layer.get("size").toString());
        }
    }

    private static void writeProject(Path project) throws IOException {
        Files.writeString(project.resolve("pom.xml"), """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>dev.wharf.test</groupId>
                  <artifactId>jib-app</artifactId>
                  <version>1.0</version>
                  <properties>
                    <maven.compiler.release>21</maven.compiler.release>
                    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
                  </properties>
                </project>
                """);
        Path sources = project.resolve("src/main/java/app");
        Files.createDirectories(sources);
        Files.writeString(sources.resolve("Main.java"), """
                package app;

                public class Main {
                    public static void main(String[] args) {
                        System.out.println("hello from a Jib image stored in Wharf");
                    }
                }
                """);
    }
}
