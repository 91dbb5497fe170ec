package dev.wharf.runtime.oci;

import static dev.wharf.runtime.testing.TestRuntime.PASSWORD;
import static dev.wharf.runtime.testing.TestRuntime.READER;
import static dev.wharf.runtime.testing.TestRuntime.WRITER;
import static dev.wharf.runtime.testing.TestRuntime.basic;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * podman (Debian's) logs in, pushes and pulls against the running runtime over plain HTTP, with its own image store
 * (vfs driver) and auth file in a temporary directory. Skipped where podman is not installed or cannot run here.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class PodmanClientTest {

    @TempDir
    static Path root;

    @TempDir
    static Path podmanHome;

    @TempDir
    Path work;

    @LocalServerPort
    int port;

    @Autowired
    private WebTestClient client;

    @DynamicPropertySource
    static void configure(DynamicPropertyRegistry registry) {
        OciTestRuntime.configure(registry, root);
    }

    @BeforeAll
    static void podmanIsInstalledAndCanRun() throws Exception {
        Assumptions.assumeTrue(
                onPath("podman"), "podman is not installed (apt-get install -y podman); the podman tests are skipped");
        Result info = run("info");
        Assumptions.assumeTrue(
                info.exit() == 0,
                () -> "podman is installed but cannot run here (it needs root or user namespaces): " + info.output());
    }

    @Test
    void podmanLogsInPushesAnImageAndPullsItBackWithTheDigestTheRegistryServes() throws Exception {
        OciLayout layout = new OciLayout(work.resolve("source"));
        layout.tag("v1", layout.image("amd64", List.of("a.txt", "b.txt")), OciContent.OCI_MANIFEST);
        String registry = "localhost:" + port;
        String image = registry + "/images/team/podman-app:v1";

        podman("login", "--tls-verify=false", "--authfile", authFile(), "-u", WRITER, "-p", PASSWORD, registry);
        String id = podman("pull", "--quiet", "oci:" + work.resolve("source") + ":v1")
                .strip();
        podman("tag", id, image);
        podman("push", "--tls-verify=false", "--authfile", authFile(), image);

        podman("rmi", "--all", "--force");
        podman("logout", "--authfile", authFile(), registry);
        podman("login", "--tls-verify=false", "--authfile", authFile(), "-u", READER, "-p", PASSWORD, registry);
        podman("pull", "--tls-verify=false", "--authfile", authFile(), image);

        String served = client.head()
                .uri("/v2/images/team/podman-app/manifests/v1")
                .header(HttpHeaders.AUTHORIZATION, basic(READER))
                .header(HttpHeaders.ACCEPT, OciContent.OCI_MANIFEST + ", " + OciContent.DOCKER_MANIFEST)
                .exchange()
                .expectStatus()
                .isOk()
                .returnResult(Void.class)
                .getResponseHeaders()
                .getFirst("Docker-Content-Digest");
        assertThat(podman("image", "inspect", "--format", "{{.Digest}}", image).strip())
                .isEqualTo(served);
    }

    @Test
    void podmanLoginWithAWrongPasswordFails() throws Exception {
        Result login = run(
                "login",
                "--tls-verify=false",
                "--authfile",
                authFile(),
                "-u",
                WRITER,
                "-p",
                "wrong",
                "localhost:" + port);

        assertThat(login.exit()).as(login.output()).isNotZero();
        assertThat(login.output()).contains("invalid username/password");
    }

    private static String authFile() {
        return podmanHome.resolve("auth.json").toString();
    }

    private static String podman(String... args) throws IOException, InterruptedException {
        Result result = run(args);
        assertThat(result.exit())
                .as("podman %s failed: %s", String.join(" ", args), result.output())
                .isZero();
        return result.output();
    }

    private record Result(int exit, String output) {}

    /** podman with its storage, run directory and temporary files under {@link #podmanHome}. */
    private static Result run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                "podman",
                "--root",
                podmanHome.resolve("storage").toString(),
                "--runroot",
                podmanHome.resolve("run").toString(),
                "--storage-driver",
                "vfs",
                "--events-backend",
                "file"));
        command.addAll(List.of(args));
        Path tmp = Files.createDirectories(podmanHome.resolve("tmp"));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Map<String, String> environment = builder.environment();
        environment.put("TMPDIR", tmp.toString());
        environment.put(
                "XDG_RUNTIME_DIR",
                Files.createDirectories(podmanHome.resolve("xdg")).toString());
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("podman " + String.join(" ", args) + " did not finish in 5 minutes");
        }
        return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    private static boolean onPath(String program) {
        String path = System.getenv("PATH");
        return path != null
                && Arrays.stream(path.split(File.pathSeparator, -1))
                        .anyMatch(dir -> Files.isExecutable(Path.of(dir, program)));
    }
}
