package dev.wharf.runtime.config;

import static dev.wharf.runtime.testing.TestRuntime.ADMIN;
import static dev.wharf.runtime.testing.TestRuntime.basic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.wharf.runtime.testing.TestRuntime;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The running runtime follows its configuration directory, mounted the way the kubelet mounts a ConfigMap: a registry
 * removed from it stops being served at once while a download already under way from it finishes, and a registry
 * added to it serves at once, all without a restart.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class LiveReconfigurationTest {

    private static final int LARGE = 48 * 1024 * 1024;

    @TempDir
    static Path root;

    private static MountedConfigMap mounted;
    private static Map<String, String> original;

    @LocalServerPort
    private int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void configure(DynamicPropertyRegistry registry) throws IOException {
        TestRuntime.configure(registry, root);
        Path written = root.resolve("written");
        TestRuntime.writeConfiguration(written);
        original = Map.of(
                "registries.yaml", Files.readString(written.resolve("registries.yaml")),
                "users.yaml", Files.readString(written.resolve("users.yaml")));
        Path config = root.resolve("mounted");
        mounted = MountedConfigMap.create(config);
        mounted.publish("..2026_11_30_00_00_00.1", original);
        registry.add("wharf.config-dir", config::toString);
        registry.add("wharf.config-watch.enabled", () -> "true");
        registry.add("wharf.config-watch.debounce", () -> "50ms");
    }

    @Test
    void removingARegistryShouldStopServingItAtOnceButFinishTheDownloadsUnderWay() throws Exception {
        byte[] content = new byte[LARGE];
        new Random(42).nextBytes(content);
        HttpResponse<String> uploaded = http.send(
                request("/generic/copies/big/1.0.0/blob.bin")
                        .PUT(HttpRequest.BodyPublishers.ofByteArray(content))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(uploaded.statusCode()).isEqualTo(201);

        HttpResponse<InputStream> inFlight = http.send(
                request("/generic/copies/big/1.0.0/blob.bin").GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(inFlight.statusCode()).isEqualTo(200);
        MessageDigest received = MessageDigest.getInstance("SHA-256");
        try (InputStream body = new DigestInputStream(inFlight.body(), received)) {
            assertThat(body.readNBytes(1024 * 1024)).hasSize(1024 * 1024);

            String withoutCopies = original.get("registries.yaml")
                    .replaceAll(
                            "(?s)---\\napiVersion: wharf.dev/v1alpha1\\nkind: Registry\\nmetadata:\\n  name: copies\\n.*?(?=---)",
                            "");
            assertThat(withoutCopies).doesNotContain("name: copies");
            String withFresh = withoutCopies + """
                    ---
                    apiVersion: wharf.dev/v1alpha1
                    kind: Registry
                    metadata:
                      name: fresh
                    spec:
                      format: generic
                      access:
                        usersSecret: test-users
                        rules:
                          - {subjects: [{group: admins}], role: admin}
                    """;
            mounted.publish(
                    "..2026_11_30_00_01_00.2",
                    Map.of("registries.yaml", withFresh, "users.yaml", original.get("users.yaml")));

            await().atMost(Duration.ofSeconds(20))
                    .untilAsserted(() -> assertThat(status("/generic/copies/big/1.0.0/blob.bin"))
                            .isEqualTo(404));
            assertThat(send("/generic/fresh/tool/1.0.0/tool.txt", HttpRequest.BodyPublishers.ofString("fresh\n")))
                    .isEqualTo(201);

            body.transferTo(OutputStream.nullOutputStream());
        }
        assertThat(HexFormat.of().formatHex(received.digest())).isEqualTo(sha256(content));
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header(HttpHeaders.AUTHORIZATION, basic(ADMIN));
    }

    private int status(String path) throws IOException, InterruptedException {
        return http.send(request(path).GET().build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    private int send(String path, HttpRequest.BodyPublisher body) throws IOException, InterruptedException {
        return http.send(request(path).PUT(body).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    private static String sha256(byte[] content) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    }
}
