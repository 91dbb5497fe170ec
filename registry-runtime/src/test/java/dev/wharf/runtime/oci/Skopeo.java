package dev.wharf.runtime.oci;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs Debian's skopeo, with no signature policy, and fails the test with its output when it fails. */
final class Skopeo {

    private Skopeo() {}

    /** Whether skopeo is installed. */
    static boolean installed() {
        String path = System.getenv("PATH");
        return Files.isExecutable(Path.of("/usr/bin/skopeo"))
                || (path != null
                        && Arrays.stream(path.split(File.pathSeparator, -1))
                                .anyMatch(dir -> Files.isExecutable(Path.of(dir, "skopeo"))));
    }

    /** Its output, after asserting that it succeeded. */
    static String run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add("skopeo");
        command.add("--insecure-policy");
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("skopeo " + String.join(" ", args) + " did not finish in 5 minutes");
        }
        String text = new String(output, StandardCharsets.UTF_8);
        assertThat(process.exitValue())
                .as("skopeo %s failed: %s", String.join(" ", args), text)
                .isZero();
        return text;
    }
}
