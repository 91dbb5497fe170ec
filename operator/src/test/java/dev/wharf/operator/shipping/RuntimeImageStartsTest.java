package dev.wharf.operator.shipping;

import static dev.wharf.operator.shipping.RepositoryFiles.ROOT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wharf.operator.RuntimeImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runtime image runs without Docker: jib builds it as a tar ({@code -Pimages jib:buildTar}, on an empty base, as
 * no registry is reachable here), its layers are unpacked, and the runtime starts from the image's own entrypoint,
 * class-path file, flags, working directory and user-facing port, with this machine's JDK standing in for the base
 * image's. Skipped, saying why, where the build cannot run (no packaged runtime classes, no tar, jib unobtainable).
 */
class RuntimeImageStartsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration BUILD = Duration.ofMinutes(4);
    private static final Duration STARTUP = Duration.ofMinutes(2);

    @TempDir
    Path work;

    @Test
    void runtimeImageWhenItsLayersAreUnpackedShouldStartFromItsOwnEntrypointAndServe() throws Exception {
        Assumptions.assumeTrue(
                Files.isDirectory(ROOT.resolve("registry-runtime/target/classes/dev/wharf/runtime")),
                "registry-runtime/target/classes is missing: compile the runtime first (./mvnw verify does)");
        Assumptions.assumeTrue(
                Files.isExecutable(Path.of("/usr/bin/tar")) || Files.isExecutable(Path.of("/bin/tar")),
                "no tar to unpack the image with");
        Path image = work.resolve("runtime-image.tar");
        build(image);

        Path unpacked = work.resolve("image");
        run(work, "tar", "-xf", image.toString(), "-C", mkdirs(unpacked).toString());
        JsonNode index = read(unpacked.resolve("index.json"));
        JsonNode manifest = read(
                blob(unpacked, index.path("manifests").path(0).path("digest").asText()));
        JsonNode config = read(blob(
                        unpacked, manifest.path("config").path("digest").asText()))
                .path("config");
        Path root = mkdirs(work.resolve("rootfs"));
        for (JsonNode layer : manifest.path("layers")) {
            run(
                    work,
                    "tar",
                    "-xzf",
                    blob(unpacked, layer.path("digest").asText()).toString(),
                    "-C",
                    root.toString());
        }

        assertThat(index.path("manifests")
                        .path(0)
                        .path("annotations")
                        .path("org.opencontainers.image.ref.name")
                        .asText())
                .as("the image's name: the one the operator deploys by default")
                .isEqualTo(RuntimeImage.REPOSITORY + ":" + RuntimeImage.version());
        assertThat(config.path("User").asText()).isEqualTo("65532:65532");
        assertThat(config.path("WorkingDir").asText()).isEqualTo("/var/lib/wharf");
        assertThat(config.path("ExposedPorts").has("8080/tcp")).isTrue();
        List<String> entrypoint = new ArrayList<>();
        config.path("Entrypoint").forEach(argument -> entrypoint.add(argument.asText()));
        assertThat(entrypoint).first().isEqualTo("java");
        assertThat(entrypoint).contains("-Dspring.aot.enabled=true", "dev.wharf.runtime.WharfRuntimeApplication");

        // The image's volumes (/tmp, the data directory) are mounted in a pod; here they are directories.
        config.path("Volumes").fieldNames().forEachRemaining(volume -> {
            try {
                mkdirs(root.resolve(volume.substring(1)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        int port = freePort();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String argument : entrypoint.subList(1, entrypoint.size())) {
            command.add(inRoot(argument, root));
        }
        Path workingDirectory = root.resolve(config.path("WorkingDir").asText().substring(1));
        Path log = work.resolve("runtime.log");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workingDirectory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().clear();
        config.path("Env").forEach(variable -> {
            String[] pair = variable.asText().split("=", 2);
            builder.environment().put(pair[0], pair[1]);
        });
        // What the pod spec would set: the port moved (8080 may be taken here) and the sample configuration.
        builder.environment().put("SERVER_PORT", Integer.toString(port));
        builder.environment()
                .put("WHARF_CONFIGDIR", ROOT.resolve("samples/local").toString());
        Process runtime = builder.start();
        try {
            HttpClient http = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(2))
                    .build();
            await("the runtime started from the image answers its readiness probe")
                    .atMost(STARTUP)
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> {
                        if (!runtime.isAlive()) {
                            throw new AssertionError(
                                    "the runtime exited with " + runtime.exitValue() + ":\n" + Files.readString(log));
                        }
                        return status(http, port, "/actuator/health/readiness") == 200;
                    });
            // The OCI ping of the sample docker Registry: served, and asking for credentials.
            assertThat(status(http, port, "/v2/")).isEqualTo(401);
            assertThat(Files.readString(log))
                    .as("the runtime ran the image's AOT-processed classes")
                    .contains("Starting AOT-processed WharfRuntimeApplication");
        } finally {
            runtime.destroy();
            if (!runtime.waitFor(30, TimeUnit.SECONDS)) {
                runtime.destroyForcibly();
            }
        }
    }

    /** Builds the image with jib, or skips when the plugin cannot be obtained. */
    private void build(Path image) throws Exception {
        Path mvnw = ROOT.resolve("mvnw");
        Assumptions.assumeTrue(Files.isExecutable(mvnw), "no ./mvnw");
        Path log = work.resolve("jib.log");
        ProcessBuilder builder = new ProcessBuilder(
                        mvnw.toString(),
                        "-q",
                        "-Pimages",
                        "-pl",
                        "registry-runtime",
                        "jib:buildTar",
                        // No registry holds a base image here; the machine's JDK stands in for it below.
                        "-Dwharf.image.base=scratch",
                        "-Djib.outputPaths.tar=" + image)
                .directory(ROOT.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process maven = builder.start();
        if (!maven.waitFor(BUILD.toSeconds(), TimeUnit.SECONDS)) {
            maven.destroyForcibly();
            throw new AssertionError("jib:buildTar took more than " + BUILD + ":\n" + Files.readString(log));
        }
        String output = Files.readString(log);
        if (maven.exitValue() != 0) {
            Assumptions.assumeFalse(
                    output.contains("has not been downloaded from it before")
                            || output.contains("Could not transfer artifact")
                            || output.contains("Cannot access central"),
                    "the jib plugin cannot be obtained here:\n" + output);
            throw new AssertionError("jib:buildTar failed:\n" + output);
        }
        assertThat(image).isRegularFile();
    }

    /** The argument with the image's absolute paths moved under {@code root}; an {@code @file} is rewritten too. */
    private String inRoot(String argument, Path root) throws IOException {
        if (argument.startsWith("@/")) {
            String paths = Files.readString(root.resolve(argument.substring(2)), StandardCharsets.UTF_8)
                    .strip();
            String moved = Arrays.stream(paths.split(":"))
                    .map(path -> path.startsWith("/") ? root + path : path)
                    .collect(Collectors.joining(":"));
            Path file = work.resolve(Path.of(argument.substring(2)).getFileName());
            Files.writeString(file, moved, StandardCharsets.UTF_8);
            return "@" + file;
        }
        int equals = argument.indexOf("=/");
        if (argument.startsWith("-D") && equals > 0) {
            return argument.substring(0, equals + 1) + root + argument.substring(equals + 1);
        }
        return argument;
    }

    private static int status(HttpClient http, int port, String path) throws InterruptedException {
        try {
            return http.send(
                            HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                                    .timeout(Duration.ofSeconds(5))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException notYet) {
            return -1;
        }
    }

    private static Path blob(Path unpacked, String digest) {
        return unpacked.resolve("blobs").resolve(digest.replace(':', '/'));
    }

    private static JsonNode read(Path file) throws IOException {
        return JSON.readTree(file.toFile());
    }

    private static Path mkdirs(Path directory) throws IOException {
        return Files.createDirectories(directory);
    }

    private static void run(Path directory, String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command)
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed: " + output);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
