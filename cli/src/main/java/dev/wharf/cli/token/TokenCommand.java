package dev.wharf.cli.token;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.cli.CliException;
import dev.wharf.cli.ExitCodes;
import dev.wharf.cli.HelpOption;
import dev.wharf.cli.Prompts;
import dev.wharf.cli.Session;
import dev.wharf.cli.http.ApiClient;
import dev.wharf.cli.http.Credentials;
import dev.wharf.cli.output.Table;
import dev.wharf.cli.output.Times;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code wharf token}: your API tokens. */
@Command(
        name = "token",
        description = "Create, list and revoke your API tokens (for CI, or a client's configuration).",
        subcommands = {TokenCommand.Create.class, TokenCommand.ListTokens.class, TokenCommand.Revoke.class},
        footerHeading = "%nExample:%n",
        footer = "  wharf token create --scope generic:write --description 'CI uploads' --expires-in-days 30")
public final class TokenCommand {

    @Mixin
    @SuppressWarnings("unused") // picocli reads it
    private HelpOption help = new HelpOption();

    @Command(
            name = "create",
            description = {
                "Create a token that may do at most the given roles in the given registries; it is shown once.",
                "Asks for your password (a token cannot create tokens)."
            },
            footerHeading = "%nExample:%n",
            footer = "  echo \"$PASSWORD\" | wharf token create --scope npm:write --scope maven:read --password-stdin")
    static final class Create implements Callable<Integer> {
        @Mixin
        private Session session = new Session();

        @Option(
                names = "--scope",
                required = true,
                paramLabel = "REGISTRY:ROLE",
                description = "a registry (or * for all, admins only) and read, write, delete or admin; repeat it")
        private List<String> scopes = new ArrayList<>();

        @Option(names = "--description", paramLabel = "TEXT", description = "what the token is for")
        private String description = "";

        @Option(names = "--expires-in-days", paramLabel = "DAYS", description = "1 to 365 (default 90)")
        private int days = 90;

        @Option(names = "--username", paramLabel = "USER", description = "default: the user `wharf login` saved")
        private @Nullable String username;

        @Option(names = "--password-stdin", description = "read the password from standard input")
        private boolean passwordStdin;

        @Override
        public Integer call() {
            ObjectNode scopeNode = ApiClient.JSON.createObjectNode();
            for (String scope : scopes) {
                int colon = scope.lastIndexOf(':');
                if (colon <= 0) {
                    throw new CliException(
                            ExitCodes.USAGE, "--scope " + scope + " is not REGISTRY:ROLE, such as npm:write");
                }
                scopeNode.put(scope.substring(0, colon), scope.substring(colon + 1));
            }
            ObjectNode body = ApiClient.JSON.createObjectNode();
            body.put("description", description);
            body.put("expiresInDays", days);
            body.set("scopes", scopeNode);
            String user = username != null ? username : session.config().username();
            if (user == null) {
                user = Prompts.line("Username: ", "pass --username USER");
            }
            char[] password = passwordStdin
                    ? Prompts.passwordFromStdin()
                    : Prompts.password("Password for " + user + ": ", "pipe the password to --password-stdin");
            JsonNode issued;
            try {
                issued =
                        session.client(new Credentials.Password(user, password)).post("/api/v1/tokens", body);
            } finally {
                Arrays.fill(password, '\0');
            }
            session.output()
                    .print(
                            issued,
                            "Created token " + issued.path("id").asText() + " (" + scopesText(issued) + "), expiring "
                                    + issued.path("expiresAt").asText() + "; it is shown this once:\n"
                                    + issued.path("token").asText());
            return ExitCodes.OK;
        }
    }

    @Command(
            name = "list",
            aliases = "ls",
            description = "List your tokens (never the tokens themselves).",
            footerHeading = "%nExample:%n",
            footer = "  wharf token list")
    static final class ListTokens implements Callable<Integer> {
        @Mixin
        private Session session = new Session();

        @Override
        public Integer call() {
            JsonNode tokens = session.client().get("/api/v1/tokens");
            Table table = new Table("ID", "DESCRIPTION", "SCOPES", "EXPIRES", "LAST USED");
            for (JsonNode token : tokens) {
                table.row(
                        token.path("id").asText(),
                        token.path("description").asText(),
                        scopesText(token),
                        Times.human(token.path("expiresAt")),
                        Times.human(token.path("lastUsedAt")));
            }
            session.output().print(tokens, table);
            return ExitCodes.OK;
        }
    }

    @Command(
            name = "revoke",
            description = "Revoke one of your tokens.",
            footerHeading = "%nExample:%n",
            footer = "  wharf token revoke 42")
    static final class Revoke implements Callable<Integer> {
        @Mixin
        private Session session = new Session();

        @Parameters(paramLabel = "ID", description = "the token's id, as `wharf token list` shows it")
        private long id;

        @Override
        public Integer call() {
            session.client().delete("/api/v1/tokens/" + id);
            session.output().line("Revoked token " + id);
            return ExitCodes.OK;
        }
    }

    static String scopesText(JsonNode token) {
        List<String> scopes = new ArrayList<>();
        for (Map.Entry<String, JsonNode> scope : token.path("scopes").properties()) {
            scopes.add(scope.getKey() + ":" + scope.getValue().asText());
        }
        return String.join(",", scopes);
    }
}
