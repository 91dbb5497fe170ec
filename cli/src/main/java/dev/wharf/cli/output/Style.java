package dev.wharf.cli.output;

import java.io.Console;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.Optional;

/** ANSI colour, only when standard output is a terminal and neither {@code --no-color} nor {@code NO_COLOR} says no. */
public final class Style {

    private final boolean colour;

    private Style(boolean colour) {
        this.colour = colour;
    }

    /** No colour at all. */
    public static final Style PLAIN = new Style(false);

    /** Colour when the output is a terminal, unless turned off. */
    public static Style detect(boolean noColor, Map<String, String> environment) {
        boolean off = noColor
                || environment.containsKey("NO_COLOR")
                || "dumb".equals(environment.get("TERM"))
                || !isTerminal();
        return off ? PLAIN : new Style(true);
    }

    /**
     * Whether the standard streams are a terminal. From JDK 22 {@code System.console()} is there even when they are
     * redirected, and {@code Console.isTerminal()} tells; the client is built for 21, so it asks for it by name.
     */
    public static boolean isTerminal() {
        return Optional.ofNullable(System.console()).map(Style::isTerminal).orElse(false);
    }

    private static boolean isTerminal(Console console) {
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return Boolean.TRUE.equals(isTerminal.invoke(console));
        } catch (ReflectiveOperationException beforeJdk22) {
            return true;
        }
    }

    public String bold(String text) {
        return colour ? "\u001b[1m" + text + "\u001b[0m" : text;
    }

    public String red(String text) {
        return colour ? "\u001b[31m" + text + "\u001b[0m" : text;
    }

    public String green(String text) {
        return colour ? "\u001b[32m" + text + "\u001b[0m" : text;
    }

    public String yellow(String text) {
        return colour ? "\u001b[33m" + text + "\u001b[0m" : text;
    }
}
