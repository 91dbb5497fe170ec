package dev.wharf.runtime.oci;

import static dev.wharf.runtime.testing.TestRuntime.DELETER;
import static dev.wharf.runtime.testing.TestRuntime.PASSWORD;
import static dev.wharf.runtime.testing.TestRuntime.READER;
import static dev.wharf.runtime.testing.TestRuntime.WRITER;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** skopeo (Debian's) copies, lists, inspects and deletes images against the running runtime, through token auth. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class SkopeoClientTest {

    @TempDir
    static Path root;

    @TempDir
    Path work;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void configure(DynamicPropertyRegistry registry) {
        OciTestRuntime.configure(registry, root);
    }

    @BeforeAll
    static void skopeoIsInstalled() {
        Assumptions.assumeTrue(
                Files.isExecutable(Path.of("/usr/bin/skopeo")) || onPath(),
                "skopeo is not installed (apt-get install -y skopeo); the skopeo client tests are skipped");
    }

    @Test
    void skopeoCopiesAMultiLayerImageInAndOutListsItsTagsInspectsAndDeletesIt() throws Exception {
        OciLayout layout = new OciLayout(work.resolve("source"));
        byte[] manifest = layout.image("amd64", List.of("a.txt", "b.txt", "c.txt"));
        layout.tag("v1", manifest, OciContent.OCI_MANIFEST);
        String image = "docker://localhost:" + port + "/images/team/app";

        skopeo(
                "copy",
                "--dest-tls-verify=false",
                "--dest-creds",
                WRITER + ":" + PASSWORD,
                "oci:" + work.resolve("source") + ":v1",
                image + ":v1");

        assertThat(skopeo("list-tags", "--tls-verify=false", "--creds", READER + ":" + PASSWORD, image))
                .contains("\"Repository\": \"localhost:" + port + "/images/team/app\"")
                .contains("\"v1\"");
        String inspected =
                skopeo("inspect", "--raw", "--tls-verify=false", "--creds", READER + ":" + PASSWORD, image + ":v1");
        assertThat(inspected.getBytes(StandardCharsets.UTF_8)).isEqualTo(manifest);
        assertThat(skopeo("inspect", "--tls-verify=false", "--creds", READER + ":" + PASSWORD, image + ":v1"))
                .contains("\"Digest\": \"" + OciContent.digest(manifest) + "\"")
                .contains("\"Architecture\": \"amd64\"");

        skopeo(
                "copy",
                "--src-tls-verify=false",
                "--src-creds",
                READER + ":" + PASSWORD,
                image + ":v1",
                "oci:" + work.resolve("copy") + ":v1");
        assertThat(work.resolve(
                        "copy/blobs/sha256/" + OciContent.digest(manifest).substring(7)))
                .exists();

        skopeo("delete", "--tls-verify=false", "--creds", DELETER + ":" + PASSWORD, image + ":v1");
        assertThat(run("inspect", "--tls-verify=false", "--creds", READER + ":" + PASSWORD, image + ":v1")
                        .exit())
                .isNotZero();
    }

    @Test
    void skopeoCopiesAMultiArchIndexInAndOutWithAll() throws Exception {
        OciLayout layout = new OciLayout(work.resolve("source"));
        byte[] amd64 = layout.image("amd64", List.of("x.txt", "y.txt"));
        byte[] arm64 = layout.image("arm64", List.of("x.txt", "y.txt"));
        byte[] index = layout.index(List.of(amd64, arm64), List.of("amd64", "arm64"));
        layout.tag("multi", index, OciContent.OCI_INDEX);
        String image = "docker://localhost:" + port + "/images/team/multi";

        skopeo(
                "copy",
                "--all",
                "--dest-tls-verify=false",
                "--dest-creds",
                WRITER + ":" + PASSWORD,
                "oci:" + work.resolve("source") + ":multi",
                image + ":latest");

        String raw =
                skopeo("inspect", "--raw", "--tls-verify=false", "--creds", READER + ":" + PASSWORD, image + ":latest");
        assertThat(raw.getBytes(StandardCharsets.UTF_8)).isEqualTo(index);
        skopeo(
                "copy",
                "--all",
                "--src-tls-verify=false",
                "--src-creds",
                READER + ":" + PASSWORD,
                image + ":latest",
                "oci:" + work.resolve("copy") + ":multi");
        for (byte[] manifest : List.of(index, amd64, arm64)) {
            assertThat(work.resolve(
                            "copy/blobs/sha256/" + OciContent.digest(manifest).substring(7)))
                    .exists();
        }
    }

    private String skopeo(String... args) throws IOException, InterruptedException {
        Result result = run(args);
        assertThat(result.exit())
                .as("skopeo %s failed: %s", String.join(" ", args), result.output())
                .isZero();
        return result.output();
    }

    private record Result(int exit, String output) {}

    private Result run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add("skopeo");
        command.add("--insecure-policy");
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("skopeo " + String.join(" ", args) + " did not finish in 5 minutes");
        }
        return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    private static boolean onPath() {
        String path = System.getenv("PATH");
        return path != null
                && java.util.Arrays.stream(path.split(java.io.File.pathSeparator, -1))
                        .anyMatch(dir -> Files.isExecutable(Path.of(dir, "skopeo")));
    }
}
