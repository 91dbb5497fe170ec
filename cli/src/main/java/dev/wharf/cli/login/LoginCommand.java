package dev.wharf.cli.login;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.cli.CliException;
import dev.wharf.cli.ExitCodes;
import dev.wharf.cli.Prompts;
import dev.wharf.cli.Session;
import dev.wharf.cli.config.CliConfig;
import dev.wharf.cli.http.ApiClient;
import dev.wharf.cli.http.Credentials;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code wharf login}: checks the credentials against the server and saves an API token for them, never the
 * password. With a password, the token is minted with the caller's role in every registry it may read.
 */
@Command(
        name = "login",
        description = {
            "Log in to a Wharf runtime and save an API token (never the password) in the configuration file,"
                    + " readable by you only.",
            "Without --username the user and password are asked at the terminal, the password without echo."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  wharf login --server http://localhost:8080",
            "  echo \"$PASSWORD\" | wharf login --server https://wharf.example.com --username ci --password-stdin",
            "  wharf login --server https://wharf.example.com --token \"$WHARF_TOKEN\""
        })
public final class LoginCommand implements Callable<Integer> {

    static final int TOKEN_DAYS = 90;

    @Mixin
    private Session session = new Session();

    @Option(names = "--username", paramLabel = "USER", description = "the user; asked at the terminal when absent")
    private @Nullable String username;

    @Option(names = "--password-stdin", description = "read the password from standard input")
    private boolean passwordStdin;

    @Option(
            names = "--token",
            paramLabel = "TOKEN",
            description = "log in with an API token instead (wharf token create, or the Setup Client's)")
    private @Nullable String token;

    @Override
    public Integer call() {
        if (session.serverOption() == null && session.config().server() == null) {
            throw new CliException(ExitCodes.USAGE, "name the server: wharf login --server URL");
        }
        URI server = session.server();
        if (token != null) {
            return withToken(server, token);
        }
        String user = username != null
                ? username
                : Prompts.line("Username: ", "pass --username USER and --password-stdin, or --token");
        char[] password = passwordStdin
                ? Prompts.passwordFromStdin()
                : Prompts.password("Password: ", "pipe the password to --password-stdin, or pass --token");
        try {
            return withPassword(server, user, password);
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    private int withToken(URI server, String value) {
        JsonNode registries = session.client(new Credentials.Token(value)).get("/api/v1/registries");
        session.store().save(new CliConfig(server.toString(), null, value, null, null));
        session.output()
                .line("Logged in to " + server + " with a token that may read " + registries.size()
                        + " registries; saved in " + session.store().file());
        return ExitCodes.OK;
    }

    private int withPassword(URI server, String user, char[] password) {
        ApiClient client = session.client(new Credentials.Password(user, password));
        JsonNode registries = client.get("/api/v1/registries");
        ObjectNode scopes = ApiClient.JSON.createObjectNode();
        for (JsonNode registry : registries) {
            scopes.put(registry.get("name").asText(), registry.path("role").asText("read"));
        }
        if (scopes.isEmpty()) {
            throw new CliException(
                    ExitCodes.AUTH,
                    user + " may not read any registry of " + server
                            + "; an admin can grant a role in a Registry's spec.access.rules");
        }
        ObjectNode request = ApiClient.JSON.createObjectNode();
        request.put("description", "wharf CLI for " + user + " on " + hostname());
        request.put("expiresInDays", TOKEN_DAYS);
        request.set("scopes", scopes);
        JsonNode issued = client.post("/api/v1/tokens", request);
        session.store()
                .save(new CliConfig(
                        server.toString(),
                        user,
                        issued.get("token").asText(),
                        issued.get("id").asLong(),
                        issued.path("expiresAt").asText(null)));
        session.output()
                .line("Logged in to " + server + " as " + user + " (" + scopes.size()
                        + " registries); saved API token " + issued.get("id").asLong() + ", expiring "
                        + issued.path("expiresAt").asText("never") + ", in "
                        + session.store().file()
                        + " (the password is not stored)");
        return ExitCodes.OK;
    }

    private static String hostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "this machine";
        }
    }
}
