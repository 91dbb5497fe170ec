package dev.wharf.operator.e2e;

import static org.awaitility.Awaitility.await;

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
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged registry runtime ({@code registry-runtime/target/wharf-registry-runtime.jar}, whose manifest puts
 * {@code target/lib} on its class path) as a child process of the test JVM, with exactly the environment it is
 * given, on a free port.
 */
final class RuntimeChild implements AutoCloseable {

    /** Surefire runs the tests from the operator module's directory; the runtime module is next to it. */
    static final Path JAR = Path.of("..", "registry-runtime", "target", "wharf-registry-runtime.jar")
            .toAbsolutePath()
            .normalize();

    private static final String METRICS_PORT_VARIABLE = "WHARF_METRICS_PORT";
    private static final String MAIN_CLASS = "dev.wharf.runtime.WharfRuntimeApplication";
    private static final Duration STARTUP = Duration.ofSeconds(120);

    private final Process process;
    private final Path log;
    private final int port;
    private final int metricsPort;

    private RuntimeChild(Process process, Path log, int port, int metricsPort) {
        this.process = process;
        this.log = log;
        this.port = port;
        this.metricsPort = metricsPort;
    }

    /**
     * Starts the runtime with only {@code environment} (plus its class path) and {@code tmpDir} as its temporary
     * directory, logging to {@code log}, and waits until its readiness probe answers 200.
     */
    static RuntimeChild start(Map<String, String> environment, Path tmpDir, Path log) {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(
                    JAR + " is missing: package the runtime first, e.g. ./mvnw -pl"
                            + " registry-runtime package -DskipTests (./mvnw verify from the root does it before the operator)");
        }
        int port = freePort();
        int metricsPort = freePort();
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(
                java,
                // A quicker start on a small machine; nothing here measures speed.
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-Xmx384m",
                "-Djava.io.tmpdir=" + tmpDir,
                MAIN_CLASS,
                // The pod's port 8080 may be taken here: the setting moved, like the paths.
                "--server.port=" + port));
        if (environment.containsKey(METRICS_PORT_VARIABLE)) {
            // Likewise the metrics port, only where the pod sets one.
            command.add("--wharf.metrics.port=" + metricsPort);
        }
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        // Only what the pod spec sets: nothing of the test JVM's environment may configure the runtime.
        builder.environment().clear();
        builder.environment().putAll(environment);
        builder.environment().put("CLASSPATH", JAR.toString());
        RuntimeChild runtime;
        try {
            runtime = new RuntimeChild(builder.start(), log, port, metricsPort);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + java, e);
        }
        runtime.awaitReady();
        return runtime;
    }

    /** The runtime's base URI. */
    URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    /** A URI on the runtime's metrics port, which the pod names {@code metrics}. */
    URI metricsUri(String path) {
        return URI.create("http://localhost:" + metricsPort + path);
    }

    /** Its whole log so far. */
    String log() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The end of its log, for failure messages. */
    String logTail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private void awaitReady() {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest readiness = HttpRequest.newBuilder(uri("/actuator/health/readiness"))
                .timeout(Duration.ofSeconds(5))
                .build();
        try {
            await().atMost(STARTUP).pollInterval(Duration.ofMillis(500)).until(() -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException(
                            "the runtime exited with " + process.exitValue() + " while starting:\n" + logTail());
                }
                try {
                    return http.send(readiness, HttpResponse.BodyHandlers.discarding())
                                    .statusCode()
                            == 200;
                } catch (IOException e) {
                    return false;
                }
            });
        } catch (RuntimeException e) {
            close();
            throw new IllegalStateException("the runtime did not become ready:\n" + logTail(), e);
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
