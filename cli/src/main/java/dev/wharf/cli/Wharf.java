package dev.wharf.cli;

import dev.wharf.cli.artifact.ArtifactCommand;
import dev.wharf.cli.cleanup.CleanupCommand;
import dev.wharf.cli.login.LoginCommand;
import dev.wharf.cli.login.LogoutCommand;
import dev.wharf.cli.output.Style;
import dev.wharf.cli.registry.RegistryCommand;
import dev.wharf.cli.token.TokenCommand;
import java.nio.file.Path;
import java.util.Map;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code wharf}: the command-line client of a Wharf runtime. */
@Command(
        name = "wharf",
        mixinStandardHelpOptions = true,
        versionProvider = Wharf.Version.class,
        description = "The command-line client of Wharf, the Kubernetes-native artifact registry.",
        subcommands = {
            LoginCommand.class,
            LogoutCommand.class,
            RegistryCommand.class,
            ArtifactCommand.class,
            TokenCommand.class,
            CleanupCommand.class,
            AutoComplete.GenerateCompletion.class
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:done",
            "1:the server refused or failed the request, or a local file could not be read or written",
            "2:unknown command or option, or a missing or malformed argument",
            "3:not logged in, credentials refused (HTTP 401) or lacking the role (403)",
            "4:not found (404)",
            "5:conflict with what is there (409), such as a version that already exists",
            "6:the server could not be reached"
        },
        footerHeading = "%nExample:%n",
        footer = {
            "  wharf login --server http://localhost:8080",
            "  wharf registry list",
            "",
            "The configuration is in ~/.config/wharf/config.yaml ($WHARF_CONFIG names another).",
            "Shell completion: source <(wharf generate-completion)"
        })
public final class Wharf {

    private final Map<String, String> environment;
    private final Path home;

    private Wharf(Map<String, String> environment, Path home) {
        this.environment = Map.copyOf(environment);
        this.home = home;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line of this process's environment and user. */
    public static CommandLine commandLine() {
        return commandLine(System.getenv(), Path.of(System.getProperty("user.home")));
    }

    /**
     * The command line, with failures printed as one message and their exit code, reading {@code environment} (such
     * as {@code WHARF_CONFIG}) and the user's files under {@code home}.
     */
    public static CommandLine commandLine(Map<String, String> environment, Path home) {
        Wharf wharf = new Wharf(environment, home);
        CommandLine commandLine = new CommandLine(wharf);
        commandLine.setExecutionExceptionHandler((error, failed, parsed) -> {
            Style style = Style.detect(false, wharf.environment);
            if (error instanceof CliException known) {
                failed.getErr().println(style.red("wharf: " + known.getMessage()));
                failed.getErr().flush();
                return known.exitCode();
            }
            // A bug of the client, not a refusal: the trace is for a report, shown when asked for.
            if (wharf.environment.containsKey("WHARF_DEBUG")) {
                failed.getErr().println(style.red("wharf: unexpected error: " + error));
                error.printStackTrace(failed.getErr());
            } else {
                failed.getErr()
                        .println(style.red(
                                "wharf: unexpected error: " + error + " (set WHARF_DEBUG=1 to see where it happened)"));
            }
            failed.getErr().flush();
            return ExitCodes.FAILED;
        });
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        documentExitCodes(
                commandLine, commandLine.getCommandSpec().usageMessage().exitCodeList());
        return commandLine;
    }

    Map<String, String> environment() {
        return environment;
    }

    Path home() {
        return home;
    }

    /** Every command's help lists the exit codes. */
    private static void documentExitCodes(CommandLine command, Map<String, String> codes) {
        for (CommandLine subcommand : command.getSubcommands().values()) {
            subcommand
                    .getCommandSpec()
                    .usageMessage()
                    .exitCodeListHeading("%nExit codes:%n")
                    .exitCodeList(codes);
            documentExitCodes(subcommand, codes);
        }
    }

    /** The client's version, from its jar. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Wharf.class.getPackage().getImplementationVersion();
            return new String[] {"wharf " + (version == null ? "(development build)" : version)};
        }
    }
}
