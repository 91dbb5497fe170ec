package dev.wharf.runtime.robustness;

import static org.awaitility.Awaitility.await;

import dev.wharf.runtime.WharfRuntimeApplication;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The runtime as a child process of the test JVM, on the test class path, with its own data and configuration
 * directories and a free port: something a test can kill with SIGKILL and start again on the same data.
 */
final class RuntimeProcess implements AutoCloseable {

    private static final Duration STARTUP = Duration.ofSeconds(90);

    private final Process process;
    private final Path log;
    private final int port;

    private RuntimeProcess(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /**
     * Starts the runtime on {@code configDir} and {@code dataDir} (filesystem blobs, H2 file database), logging to
     * {@code log}, and waits until its readiness probe answers 200.
     */
    static RuntimeProcess start(Path configDir, Path dataDir, Path secretsDir, Path log) {
        int port = freePort();
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(List.of(
                        java,
                        // Fewer threads and a quicker start on a small machine; nothing here measures speed.
                        "-XX:TieredStopAtLevel=1",
                        "-XX:+UseSerialGC",
                        "-Xmx384m",
                        WharfRuntimeApplication.class.getName(),
                        "--server.port=" + port,
                        "--wharf.config-dir=" + configDir,
                        "--wharf.data-dir=" + dataDir,
                        "--wharf.secrets.dir=" + secretsDir,
                        "--wharf.config-watch.enabled=false"))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("CLASSPATH", System.getProperty("java.class.path"));
        RuntimeProcess runtime;
        try {
            runtime = new RuntimeProcess(builder.start(), log, port);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + java, e);
        }
        runtime.awaitReady();
        return runtime;
    }

    /** Where it listens. */
    int port() {
        return port;
    }

    /** Kills it at once (SIGKILL): no shutdown hook, no graceful shutdown, no flush. */
    void kill() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the runtime did not die within 30 s of SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
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
        if (process.isAlive()) {
            kill();
        }
    }

    private void awaitReady() {
        RawHttp http = new RawHttp(port);
        try {
            await().atMost(STARTUP).pollInterval(Duration.ofMillis(250)).until(() -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException(
                            "the runtime exited with " + process.exitValue() + " while starting:\n" + logTail());
                }
                try {
                    return http.exchange("GET", "/actuator/health/readiness", "", new byte[0])
                                    .status()
                            == 200;
                } catch (UncheckedIOException e) {
                    return false;
                }
            });
        } catch (RuntimeException e) {
            close();
            throw e;
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
