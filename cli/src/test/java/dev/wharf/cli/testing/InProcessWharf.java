package dev.wharf.cli.testing;

import dev.wharf.cli.Wharf;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine;

/**
 * The client's commands run in the test JVM through picocli, with an environment and a home of their own: the same
 * code as the process, without a JVM start per command. {@link WharfProcess} proves the process itself.
 */
public final class InProcessWharf {

    private final Path home;
    private final Map<String, String> environment;

    public InProcessWharf(Path home) {
        this.home = home;
        this.environment = Map.of("NO_COLOR", "1");
    }

    public Path home() {
        return home;
    }

    public WharfProcess.Result run(String... args) {
        return runWithInput("", args);
    }

    /** Runs {@code wharf args}, with {@code input} as standard input (for --password-stdin). */
    public synchronized WharfProcess.Result runWithInput(String input, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine wharf = Wharf.commandLine(environment, home);
        wharf.setOut(new PrintWriter(out, true));
        wharf.setErr(new PrintWriter(err, true));
        InputStream stdin = System.in;
        System.setIn(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
        try {
            int code = wharf.execute(args);
            return new WharfProcess.Result(code, out.toString(), err.toString());
        } finally {
            System.setIn(stdin);
        }
    }
}
