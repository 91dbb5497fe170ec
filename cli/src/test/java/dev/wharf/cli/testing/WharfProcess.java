package dev.wharf.cli.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The client run as a process, as a user runs it: its own JVM on its own class path (the module's classes and its
 * runtime dependencies, not the test JVM's), a home folder and configuration file of its own, no terminal.
 */
public final class WharfProcess {

    private static final long TIMEOUT_SECONDS = 60;

    /** The outcome of a run. */
    public record Result(int exitCode, String out, String err) {
        public String all() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    private final Path home;
    private final Map<String, String> environment = new HashMap<>();

    /** A user whose home (and so ~/.npmrc, ~/.m2, ~/.config/wharf) is {@code home}. */
    public WharfProcess(Path home) {
        this.home = home;
    }

    public Path home() {
        return home;
    }

    /** The configuration file the client uses. */
    public Path config() {
        return home.resolve(".config/wharf/config.yaml");
    }

    public WharfProcess env(String name, String value) {
        environment.put(name, value);
        return this;
    }

    public Result run(String... args) {
        return runWithInput(null, home, args);
    }

    /** The command line that runs {@code wharf args} as this user. */
    public List<String> command(String... args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-Xshare:auto",
                "-Duser.home=" + home,
                "-cp",
                classpath(),
                "dev.wharf.cli.Wharf"));
        command.addAll(List.of(args));
        return command;
    }

    /** Runs {@code wharf args} in {@code dir}, writing {@code input} to its standard input. */
    public Result runWithInput(String input, Path dir, String... args) {
        List<String> command = command(args);
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("WHARF_") || name.startsWith("NPM_CONFIG"));
        builder.environment().put("HOME", home.toString());
        builder.environment().put("NO_COLOR", "1");
        builder.environment().putAll(environment);
        try {
            Files.createDirectories(home);
            Process process = builder.start();
            CompletableFuture<String> out = read(process.getInputStream());
            CompletableFuture<String> err = read(process.getErrorStream());
            try (var stdin = process.getOutputStream()) {
                if (input != null) {
                    stdin.write(input.getBytes(StandardCharsets.UTF_8));
                }
            }
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(
                        "wharf " + String.join(" ", args) + " did not end in " + TIMEOUT_SECONDS + " s");
            }
            return new Result(process.exitValue(), out.join(), err.join());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static CompletableFuture<String> read(java.io.InputStream stream) {
        return CompletableFuture.supplyAsync(() -> {
            try (stream) {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** target/classes and the runtime dependencies Maven listed in target/client-classpath.txt. */
    private static String classpath() {
        try {
            String dependencies =
                    Files.readString(Path.of("target/client-classpath.txt")).strip();
            return Path.of("target/classes").toAbsolutePath() + File.pathSeparator + dependencies;
        } catch (IOException e) {
            throw new UncheckedIOException("run the tests through Maven, which writes target/client-classpath.txt", e);
        }
    }
}
