package dev.wharf.cli.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The client run in a real terminal: {@code script} (util-linux) gives it a pseudo-terminal, and each answer is typed
 * only once its prompt has appeared, as a person would, so that the terminal's echo (or its absence) shows in what
 * the terminal printed.
 */
public final class Terminal {

    private static final Duration PROMPT_TIMEOUT = Duration.ofSeconds(60);

    private Terminal() {}

    /** Whether {@code script} is there to give a pseudo-terminal. */
    public static boolean available() {
        return Files.isExecutable(Path.of("/usr/bin/script"));
    }

    /** The outcome: the exit code and everything the terminal showed. */
    public record Session(int exitCode, String screen) {}

    /** Runs {@code command} in a terminal, typing each answer after its prompt; the prompts in order. */
    public static Session run(List<String> command, Path home, List<Map.Entry<String, String>> dialogue) {
        String line = String.join(" ", command.stream().map(Terminal::quoted).toList());
        ProcessBuilder builder =
                new ProcessBuilder("script", "-q", "-e", "-c", line, "/dev/null").redirectErrorStream(true);
        builder.environment().put("HOME", home.toString());
        builder.environment().put("TERM", "dumb");
        try {
            Process process = builder.start();
            StringBuffer screen = new StringBuffer();
            Thread reader = Thread.ofVirtual().start(() -> copy(process.getInputStream(), screen));
            OutputStream keyboard = process.getOutputStream();
            int seen = 0;
            for (Map.Entry<String, String> turn : dialogue) {
                seen = await(screen, turn.getKey(), seen, process);
                keyboard.write((turn.getValue() + "\n").getBytes(StandardCharsets.UTF_8));
                keyboard.flush();
            }
            if (!process.waitFor(PROMPT_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("the terminal session did not end; it showed:\n" + screen);
            }
            keyboard.close();
            reader.join(Duration.ofSeconds(10));
            return new Session(process.exitValue(), screen.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static int await(StringBuffer screen, String prompt, int from, Process process) {
        try {
            Awaitility.await("the prompt '" + prompt + "'")
                    .atMost(PROMPT_TIMEOUT)
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> screen.indexOf(prompt, from) >= 0 || !process.isAlive());
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("no prompt '" + prompt + "' in what the terminal showed:\n" + screen, e);
        }
        int at = screen.indexOf(prompt, from);
        if (at < 0) {
            throw new AssertionError(
                    "the client ended before the prompt '" + prompt + "'; the terminal showed:\n" + screen);
        }
        return at + prompt.length();
    }

    private static void copy(InputStream in, StringBuffer screen) {
        byte[] buffer = new byte[4096];
        try (in) {
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                screen.append(new String(buffer, 0, read, StandardCharsets.UTF_8));
            }
        } catch (IOException ended) {
            // The terminal closed.
        }
    }

    private static String quoted(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
