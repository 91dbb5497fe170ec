package dev.wharf.runtime.maven;

import static dev.wharf.runtime.testing.TestRuntime.ADMIN;
import static dev.wharf.runtime.testing.TestRuntime.READER;
import static dev.wharf.runtime.testing.TestRuntime.WRITER;
import static dev.wharf.runtime.testing.TestRuntime.basic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Uploads the server refuses or never receives whole write nothing: a body cut off before its {@code Content-Length},
 * a checksum of a file never deployed, and a file larger than the registry accepts (declared, or streamed chunked).
 * Each is checked on the wire, in the server's documents and the management API, and in the blob store's files.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class MavenRefusedUploadsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final AtomicInteger ARTIFACTS = new AtomicInteger();
    private static final String SMALL = "small-jars";
    private static final int LIMIT = 1024;

    @TempDir
    static Path root;

    @DynamicPropertySource
    static void configure(DynamicPropertyRegistry registry) {
        MavenTestRuntime.configure(registry, root);
        MavenTestRuntime.write(root.resolve("config"), "small.yaml", """
                apiVersion: wharf.dev/v1alpha1
                kind: Registry
                metadata:
                  name: small-jars
                spec:
                  format: maven
                  maxUploadSize: 1Ki
                  access:
                    usersSecret: test-users
                    rules:
                      - {subjects: [{group: readers}], role: read}
                      - {subjects: [{group: writers}], role: write}
                      - {subjects: [{group: admins}], role: admin}
                """);
    }

    @LocalServerPort
    private int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void uploadWhenConnectionClosesBeforeContentLengthShouldStoreNoFileAndNothingInMetadata() throws IOException {
        String id = artifactId("truncated");
        String jar = path(MavenTestRuntime.JARS, id, "1.0", id + "-1.0.jar");
        byte[] content = new byte[3 * 1024 * 1024];
        Arrays.fill(content, (byte) 'x');
        Set<String> before = storageFiles();

        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("localhost", port), 20_000);
            OutputStream out = socket.getOutputStream();
            out.write(("PUT " + jar + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + basic(WRITER)
                            + "\r\nContent-Length: " + 10 * content.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(content);
            out.flush();
            await().atMost(Duration.ofSeconds(20))
                    .alias("the runtime is writing the body to a temporary file")
                    .until(() -> !files(root.resolve("data/uploads")).isEmpty());
        }

        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(storageFiles())
                        .as("blobs and temporary uploads once the upload was cut off")
                        .isEqualTo(before));
        assertNothingWritten(MavenTestRuntime.JARS, id, jar);
        assertThat(put(jar, content).statusCode()).as("the same deploy, whole").isEqualTo(201);
    }

    @Test
    void checksumWhenItsFileWasNeverDeployedShouldAnswer400AndStoreNothing() {
        String id = artifactId("orphan-checksum");
        String jar = path(MavenTestRuntime.JARS, id, "1.0", id + "-1.0.jar");
        Set<String> before = storageFiles();

        HttpResponse<String> refused = put(jar + ".sha1", "0".repeat(40).getBytes(StandardCharsets.US_ASCII));

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(detail(refused))
                .isEqualTo("registry 'jars' has no " + id + "-1.0.jar in org.example:" + id
                        + " 1.0; deploy the file before its checksum");
        assertThat(storageFiles()).isEqualTo(before);
        assertNothingWritten(MavenTestRuntime.JARS, id, jar);
    }

    @Test
    void checksumWhenOnlyAnotherFileOfItsVersionIsDeployedShouldAnswer400AndLeaveTheVersionAsItWas() {
        String id = artifactId("sibling-checksum");
        String pom = path(MavenTestRuntime.JARS, id, "1.0", id + "-1.0.pom");
        String jar = path(MavenTestRuntime.JARS, id, "1.0", id + "-1.0.jar");
        assertThat(put(pom, bytes("<project/>")).statusCode()).isEqualTo(201);

        HttpResponse<String> refused = put(jar + ".md5", "0".repeat(32).getBytes(StandardCharsets.US_ASCII));

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(detail(refused)).endsWith("deploy the file before its checksum");
        assertThat(get(jar).statusCode()).isEqualTo(404);
        assertThat(get(jar + ".md5").statusCode()).isEqualTo(404);
        assertThat(files(MavenTestRuntime.JARS, id, "1.0")).containsExactly(id + "-1.0.pom");
    }

    @Test
    void uploadWhenDeclaredLargerThanTheRegistryAcceptsShouldAnswer413NamingTheLimitAndStoreNothing() {
        String id = artifactId("declared-large");
        String jar = path(SMALL, id, "1.0", id + "-1.0.jar");
        Set<String> before = storageFiles();

        HttpResponse<String> refused = put(jar, new byte[2 * LIMIT]);

        assertThat(refused.statusCode()).isEqualTo(413);
        assertThat(detail(refused))
                .isEqualTo("the upload of " + id + "-1.0.jar has " + 2 * LIMIT + " bytes; registry 'small-jars'"
                        + " accepts at most " + LIMIT + " (spec.maxUploadSize)");
        assertThat(storageFiles()).isEqualTo(before);
        assertNothingWritten(SMALL, id, jar);
    }

    @Test
    void uploadWhenStreamedWithoutALengthPastTheLimitShouldAnswer413AndStoreNothing() {
        String id = artifactId("chunked-large");
        String jar = path(SMALL, id, "1.0", id + "-1.0.jar");
        Set<String> before = storageFiles();

        HttpResponse<String> refused = send(HttpRequest.newBuilder(URI.create(url(jar)))
                .header("Authorization", basic(WRITER))
                .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(new byte[4 * LIMIT]))));

        assertThat(refused.statusCode()).isEqualTo(413);
        assertThat(detail(refused)).contains(String.valueOf(LIMIT));
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(storageFiles()).isEqualTo(before));
        assertNothingWritten(SMALL, id, jar);
    }

    /** Neither the file nor its checksum is served, the artifact has no metadata and the API lists no package. */
    private void assertNothingWritten(String registry, String artifactId, String file) {
        assertThat(get(file).statusCode()).as("GET %s", file).isEqualTo(404);
        assertThat(get(file + ".sha1").statusCode()).isEqualTo(404);
        assertThat(get("/maven/" + registry + "/org/example/" + artifactId + "/maven-metadata.xml")
                        .statusCode())
                .isEqualTo(404);
        HttpResponse<String> listed =
                send(HttpRequest.newBuilder(URI.create(url("/api/v1/registries/" + registry + "/packages?size=1000")))
                        .header("Authorization", basic(ADMIN)));
        assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
        assertThat(JSON.readTree(listed.body()).get("items").findValuesAsString("name"))
                .doesNotContain("org.example:" + artifactId);
    }

    /** The paths of the files of the version, as the management API lists them. */
    private Set<String> files(String registry, String artifactId, String version) {
        HttpResponse<String> listed = send(HttpRequest.newBuilder(URI.create(url("/api/v1/registries/" + registry
                        + "/packages/org.example:" + artifactId + "/versions/" + version + "/files")))
                .header("Authorization", basic(ADMIN)));
        assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
        Set<String> paths = new TreeSet<>();
        for (JsonNode file : JSON.readTree(listed.body())) {
            paths.add(file.get("path").asString());
        }
        return paths;
    }

    /** The blobs and the temporary upload files of the filesystem store every test registry uses. */
    private static Set<String> storageFiles() {
        Set<String> all = new TreeSet<>();
        for (String dir : new String[] {"blobs", "uploads"}) {
            files(root.resolve("data").resolve(dir)).forEach(file -> all.add(dir + "/" + file));
        }
        return all;
    }

    private static Set<String> files(Path dir) {
        if (!Files.isDirectory(dir)) {
            return Set.of();
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            Set<String> found = new TreeSet<>();
            paths.filter(Files::isRegularFile)
                    .forEach(path -> found.add(dir.relativize(path).toString()));
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String artifactId(String name) {
        return name + ARTIFACTS.incrementAndGet();
    }

    private static String path(String registry, String artifactId, String version, String name) {
        return "/maven/" + registry + "/org/example/" + artifactId + "/" + version + "/" + name;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String detail(HttpResponse<String> response) {
        return JSON.readTree(response.body()).get("detail").asString();
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(url(path))).header("Authorization", basic(READER)));
    }

    private HttpResponse<String> put(String path, byte[] content) {
        return send(HttpRequest.newBuilder(URI.create(url(path)))
                .header("Authorization", basic(WRITER))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(content)));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
