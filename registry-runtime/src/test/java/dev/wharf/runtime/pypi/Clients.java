package dev.wharf.runtime.pypi;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/** Runs the Python clients (pip of each pyenv Python, Debian's twine and poetry) and says which are installed. */
final class Clients {

    private static final Path PYENV = Path.of(System.getProperty("user.home"), ".pyenv", "versions");

    private Clients() {}

    /** What a command printed and how it exited. */
    record Result(int exit, String output) {}

    /** The command's result, run in {@code dir} with no input and a clean pip configuration. */
    static Result run(Path dir, List<String> command) throws IOException, InterruptedException {
        return run(dir, command, java.util.Map.of());
    }

    /** The command's result, run as {@link #run(Path, List)} does with {@code environment} added. */
    static Result run(Path dir, List<String> command, java.util.Map<String, String> environment)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().put("PIP_CONFIG_FILE", "/dev/null");
        builder.environment().put("PIP_DISABLE_PIP_VERSION_CHECK", "1");
        builder.environment().put("PYTHON_KEYRING_BACKEND", "keyring.backends.null.Keyring");
        builder.environment().put("HOME", dir.toString());
        builder.environment().putAll(environment);
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(3, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " did not finish in 3 minutes");
        }
        return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    /** The Python interpreter of pyenv's {@code version} line (such as {@code 3.11}); null when not installed. */
    static @Nullable Path python(String version) throws IOException {
        if (!Files.isDirectory(PYENV)) {
            return null;
        }
        try (var versions = Files.list(PYENV)) {
            return versions.filter(dir -> dir.getFileName().toString().startsWith(version + "."))
                    .map(dir -> dir.resolve("bin/python3"))
                    .filter(Files::isExecutable)
                    .findFirst()
                    .orElse(null);
        }
    }

    /** Whether {@code tool} is on the PATH. */
    static boolean onPath(String tool) {
        String path = System.getenv("PATH");
        return path != null
                && Arrays.stream(path.split(File.pathSeparator, -1))
                        .anyMatch(dir -> Files.isExecutable(Path.of(dir, tool)));
    }
}
