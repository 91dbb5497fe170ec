package dev.wharf.cli.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.cli.CliException;
import dev.wharf.cli.ExitCodes;
import dev.wharf.cli.Session;
import dev.wharf.cli.config.CliConfig;
import java.net.URI;
import picocli.CommandLine.Option;

/**
 * What a configured client authenticates with, and the registry's URLs from its Setup Client document: the saved
 * token, or one minted for the registry alone.
 */
final class ClientCredentials {

    /** The user name sent with a token where a client needs one: any name goes with a Wharf token. */
    static final String TOKEN_USER = "token";

    @Option(names = "--new-token", description = "mint a token for this registry alone (asks for your password)")
    private boolean newToken;

    @Option(names = "--password-stdin", description = "with --new-token: read the password from standard input")
    private boolean passwordStdin;

    /** The registry's setup, its credentials and URLs. */
    record Resolved(JsonNode setup, String username, String token) {
        String url() {
            return setup.path("url").asText();
        }

        /** The scheme, host and port of the registry's URL. */
        URI base() {
            URI url = URI.create(url().contains("://") ? url() : "http://" + url());
            return URI.create(url.getScheme() + "://" + url.getRawAuthority());
        }

        @Override
        public String toString() {
            return "Resolved[" + setup.path("registry").asText() + ", " + username + "]";
        }
    }

    Resolved resolve(Session session, String registry, String format) {
        JsonNode setup = SetupFetch.fetch(session, registry, newToken, passwordStdin);
        if (!setup.path("format").asText().equals(format)) {
            throw new CliException(
                    ExitCodes.USAGE,
                    "registry '" + registry + "' is a " + setup.path("format").asText() + " registry, not " + format
                            + "; `wharf registry configure "
                            + client(setup.path("format").asText()) + " " + registry
                            + "` configures its client");
        }
        if (setup.hasNonNull("token")) {
            CliConfig saved = session.config();
            String user = saved.username() == null ? TOKEN_USER : saved.username();
            return new Resolved(setup, user, setup.path("token").path("token").asText());
        }
        CliConfig saved = session.config();
        String token = saved.token();
        if (token == null) {
            throw new CliException(
                    ExitCodes.AUTH,
                    "not logged in, so there is no token to configure the client with; run `wharf login --server "
                            + session.server() + "`, or pass --new-token");
        }
        return new Resolved(setup, saved.username() == null ? TOKEN_USER : saved.username(), token);
    }

    private static String client(String format) {
        return switch (format) {
            case "pypi" -> "pip";
            case "generic" -> "(none: use curl)";
            default -> format;
        };
    }
}
