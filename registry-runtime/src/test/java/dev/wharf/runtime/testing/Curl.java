package dev.wharf.runtime.testing;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real curl for one request, giving up after {@code --max-time}, and gives back its exit code, the response
 * head and the body exactly as curl received them.
 */
public final class Curl {

    /** The longest curl is let run. */
    public static final int MAX_SECONDS = 10;

    /**
     * What curl got.
     *
     * @param exitCode curl's exit code: 0 on success, 28 when the response did not complete in time, 18 when it ended
     *     before its {@code Content-Length}
     * @param head the status line and headers of the (last) response
     * @param body the bytes of the body
     * @param stderr what curl reported
     */
    public record Result(int exitCode, String head, byte[] body, String stderr) {

        /** The status code of the response. */
        public int status() {
            return Integer.parseInt(head.lines().findFirst().orElseThrow().split(" ")[1]);
        }

        /** The value of the header {@code name}, when the response has it. */
        public Optional<String> header(String name) {
            String prefix = name.toLowerCase(Locale.ROOT) + ":";
            return head.lines()
                    .filter(line -> line.toLowerCase(Locale.ROOT).startsWith(prefix))
                    .map(line -> line.substring(prefix.length()).strip())
                    .findFirst();
        }
    }

    private Curl() {}

    /** A GET of {@code url} as {@code user} with the arguments {@code args} (such as {@code -r 0-1,5-6}). */
    public static Result get(Path workDir, String url, String user, String... args)
            throws IOException, InterruptedException {
        Path head = Files.createTempFile(workDir, "curl-head", ".txt");
        Path body = Files.createTempFile(workDir, "curl-body", ".bin");
        List<String> command = new ArrayList<>(List.of(
                "curl",
                "--silent",
                "--show-error",
                "--max-time",
                String.valueOf(MAX_SECONDS),
                "--user",
                user + ":" + TestRuntime.PASSWORD,
                "--dump-header",
                head.toString(),
                "--output",
                body.toString()));
        command.addAll(List.of(args));
        command.add(url);
        Process process = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        byte[] stderr = process.getErrorStream().readAllBytes();
        if (!process.waitFor(MAX_SECONDS + 20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("curl " + url + " did not stop after its --max-time of " + MAX_SECONDS);
        }
        return new Result(
                process.exitValue(),
                Files.readString(head, StandardCharsets.ISO_8859_1),
                Files.readAllBytes(body),
                new String(stderr, StandardCharsets.UTF_8));
    }
}
