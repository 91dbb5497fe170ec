package dev.wharf.cli.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.cli.ExitCodes;
import dev.wharf.cli.Session;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code wharf registry setup NAME}: the server's Setup Client for one registry, for people. */
@Command(
        name = "setup",
        description = {
            "Show how a client uses a registry: its URL, the login, push and pull commands, and the entries of the"
                    + " client's configuration files.",
            "Credentials are the placeholders <username> and <token> unless --new-token mints a token for this"
                    + " registry with your role (asks for your password; the token is shown once)."
        },
        footerHeading = "%nExamples:%n",
        footer = {"  wharf registry setup npm", "  wharf registry setup maven --new-token"})
public final class RegistrySetup implements Callable<Integer> {

    @Mixin
    private Session session = new Session();

    @Parameters(paramLabel = "REGISTRY", description = "the registry's name")
    private String registry = "";

    @Option(names = "--new-token", description = "mint a token for this registry and fill it in")
    private boolean newToken;

    @Option(names = "--password-stdin", description = "with --new-token: read the password from standard input")
    private boolean passwordStdin;

    @Override
    public Integer call() {
        JsonNode setup = SetupFetch.fetch(session, registry, newToken, passwordStdin);
        StringBuilder text = new StringBuilder();
        text.append("Registry ")
                .append(setup.path("registry").asText())
                .append(" (")
                .append(setup.path("format").asText())
                .append("): ")
                .append(setup.path("url").asText())
                .append('\n');
        if (setup.hasNonNull("token")) {
            text.append("New token ")
                    .append(setup.path("token").path("id").asText())
                    .append(" (")
                    .append(setup.path("token").path("role").asText())
                    .append(", expires ")
                    .append(setup.path("token").path("expiresAt").asText())
                    .append("), shown this once: ")
                    .append(setup.path("token").path("token").asText())
                    .append('\n');
        }
        commands(text, "Log in", setup.path("login"));
        commands(text, "Push", setup.path("push"));
        commands(text, "Pull", setup.path("pull"));
        for (JsonNode file : setup.path("configuration")) {
            text.append("\n")
                    .append(session.output().style().bold(file.path("path").asText()))
                    .append(" (")
                    .append(file.path("client").asText())
                    .append("):\n");
            file.path("content")
                    .asText()
                    .lines()
                    .forEach(line -> text.append("  ").append(line).append('\n'));
        }
        session.output().print(setup, text.toString());
        return ExitCodes.OK;
    }

    private void commands(StringBuilder text, String heading, JsonNode commands) {
        text.append('\n').append(session.output().style().bold(heading + ":")).append('\n');
        for (JsonNode command : commands) {
            text.append("  # ")
                    .append(command.path("client").asText())
                    .append(": ")
                    .append(command.path("description").asText())
                    .append("\n  ")
                    .append(command.path("command").asText())
                    .append('\n');
        }
    }
}
