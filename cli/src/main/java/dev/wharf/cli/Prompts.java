package dev.wharf.cli;

import dev.wharf.cli.output.Style;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/** Asking a person: a line, or a password without echo on the terminal; or a password piped to standard input. */
public final class Prompts {

    private Prompts() {}

    /** A line typed at the terminal after {@code prompt}; a usage error naming {@code instead} when there is none. */
    public static String line(String prompt, String instead) {
        Console console = terminal(instead);
        String line = console.readLine("%s", prompt);
        if (line == null || line.isBlank()) {
            throw new CliException(ExitCodes.USAGE, "nothing was typed; " + instead);
        }
        return line.strip();
    }

    /** A password typed without echo at the terminal. */
    public static char[] password(String prompt, String instead) {
        Console console = terminal(instead);
        char[] password = console.readPassword("%s", prompt);
        if (password == null || password.length == 0) {
            throw new CliException(ExitCodes.USAGE, "no password was typed; " + instead);
        }
        return password;
    }

    /** The password piped to standard input: its first line. */
    public static char[] passwordFromStdin() {
        try {
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            String line = in.readLine();
            if (line == null || line.isEmpty()) {
                throw new CliException(
                        ExitCodes.USAGE,
                        "--password-stdin read no password; pipe it in: echo \"$PASSWORD\" | wharf ...");
            }
            return line.toCharArray();
        } catch (IOException e) {
            throw new CliException(ExitCodes.FAILED, "cannot read the password from standard input", e);
        }
    }

    /** Whether a person could be asked. */
    public static boolean interactive() {
        return Style.isTerminal();
    }

    private static Console terminal(String instead) {
        if (!interactive()) {
            throw new CliException(ExitCodes.USAGE, "there is no terminal to ask on; " + instead);
        }
        return Objects.requireNonNull(System.console(), "a terminal has a console");
    }
}
