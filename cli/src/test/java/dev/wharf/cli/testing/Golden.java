package dev.wharf.cli.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Golden files of the client's output under {@code src/test/resources/golden}, compared after what changes from run
 * to run (the port, times, token ids) is replaced by a name. {@code -Dwharf.golden.update=true} rewrites them.
 */
public final class Golden {

    private static final Path DIR = Path.of("src/test/resources/golden");
    private static final Pattern TIME = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z");

    private Golden() {}

    /** Replaces the server's URL by {@code <server>}, its host and port by {@code <host>}, and every time by one of the same width, so columns stay as printed. */
    public static String normalise(String output, String server) {
        String authority = server.substring(server.indexOf("//") + 2);
        return TIME.matcher(output.replace(server, "<server>").replace(authority, "<host>"))
                .replaceAll("2000-01-01T00:00:00Z");
    }

    public static void assertMatches(String name, String actual) {
        Path file = DIR.resolve(name);
        try {
            if (Boolean.getBoolean("wharf.golden.update") || !Files.exists(file)) {
                Files.createDirectories(DIR);
                Files.writeString(file, actual);
                if (!Boolean.getBoolean("wharf.golden.update")) {
                    throw new AssertionError("wrote the missing golden file " + file + "; check it and run again");
                }
            }
            assertThat(actual)
                    .as("output against %s (-Dwharf.golden.update=true rewrites it)", file)
                    .isEqualTo(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
