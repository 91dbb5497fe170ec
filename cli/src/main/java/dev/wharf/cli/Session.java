package dev.wharf.cli;

import dev.wharf.cli.config.CliConfig;
import dev.wharf.cli.config.ConfigStore;
import dev.wharf.cli.http.ApiClient;
import dev.wharf.cli.http.Credentials;
import dev.wharf.cli.output.Format;
import dev.wharf.cli.output.Output;
import dev.wharf.cli.output.Style;
import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The options every command takes, and what they lead to: the output, the saved configuration, the API client. */
public final class Session {

    @Option(
            names = {"-o", "--output"},
            paramLabel = "FORMAT",
            description = "table (for people, the default), json or yaml (for scripts)")
    private Format format = Format.table;

    @Option(names = "--no-color", description = "no colour, even on a terminal (NO_COLOR in the environment also)")
    private boolean noColor;

    @Option(
            names = "--server",
            paramLabel = "URL",
            description = "the runtime's URL; default: the one `wharf login` saved")
    private @Nullable String server;

    @Option(
            names = {"-h", "--help"},
            usageHelp = true,
            description = "Show this help, with an example and the exit codes.")
    private boolean help;

    @Spec(Spec.Target.MIXEE)
    private @Nullable CommandSpec spec;

    private @Nullable Output output;

    /** Where the command prints. */
    public Output output() {
        if (output == null) {
            CommandSpec command = Objects.requireNonNull(spec, "picocli injects the command spec");
            output = new Output(
                    format,
                    Style.detect(noColor, environment()),
                    command.commandLine().getOut(),
                    command.commandLine().getErr());
        }
        return output;
    }

    /** The environment the command runs in. */
    public Map<String, String> environment() {
        return wharf().environment();
    }

    /** The user's home folder. */
    public Path home() {
        return wharf().home();
    }

    private Wharf wharf() {
        CommandSpec command = Objects.requireNonNull(spec, "picocli injects the command spec");
        return (Wharf) command.root().userObject();
    }

    /** The configuration file. */
    public ConfigStore store() {
        return ConfigStore.fromEnvironment(environment(), home());
    }

    /** What is saved in it. */
    public CliConfig config() {
        return store().load();
    }

    /** The server: {@code --server}, else the saved one; a usage error saying to log in when there is neither. */
    public URI server() {
        String url = server != null ? server : config().server();
        if (url == null) {
            throw new CliException(
                    ExitCodes.AUTH, "no server: run `wharf login --server URL` first, or pass --server URL");
        }
        return normalise(url);
    }

    /** Whether help was asked for; picocli answers it before the command runs. */
    public boolean helpAsked() {
        return help;
    }

    /** The server given with {@code --server}, or null. */
    public @Nullable String serverOption() {
        return server;
    }

    /** A client with the saved token, or none when not logged in (anonymous reads still work). */
    public ApiClient client() {
        URI url = server();
        CliConfig saved = config();
        boolean sameServer = saved.server() != null && normalise(saved.server()).equals(url);
        String token = saved.token();
        return new ApiClient(url, sameServer && token != null ? new Credentials.Token(token) : new Credentials.None());
    }

    /** A client of the server with other credentials. */
    public ApiClient client(Credentials credentials) {
        return new ApiClient(server(), credentials);
    }

    /** A server URL without a trailing slash; a usage error when it is not http or https. */
    public static URI normalise(String url) {
        String trimmed = url.strip();
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        String lower = trimmed.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("http://") && !lower.startsWith("https://")) {
            throw new CliException(
                    ExitCodes.USAGE,
                    "the server URL '" + url + "' must start with http:// or https://, such as http://localhost:8080");
        }
        try {
            URI uri = URI.create(trimmed);
            if (uri.getHost() == null) {
                throw new IllegalArgumentException("no host");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCodes.USAGE, "the server URL '" + url + "' is not a URL: " + e.getMessage());
        }
    }
}
