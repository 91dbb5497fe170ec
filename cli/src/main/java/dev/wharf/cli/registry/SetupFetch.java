package dev.wharf.cli.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.cli.Prompts;
import dev.wharf.cli.Session;
import dev.wharf.cli.config.CliConfig;
import dev.wharf.cli.http.Credentials;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Fetches a registry's Setup Client document, with a new token (which needs the password: a token cannot mint
 * tokens) or with placeholders.
 */
final class SetupFetch {

    private SetupFetch() {}

    static JsonNode fetch(Session session, String registry, boolean newToken, boolean passwordStdin) {
        String path = Registries.path(registry) + "/setup";
        if (!newToken) {
            return session.client().get(path);
        }
        CliConfig saved = session.config();
        String user = username(saved);
        char[] password = passwordStdin
                ? Prompts.passwordFromStdin()
                : Prompts.password(
                        "Password for " + user + ": ",
                        "pipe the password to --password-stdin (a new token needs it: a token cannot mint tokens)");
        try {
            return session.client(new Credentials.Password(user, password)).get(path + "?token=new");
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    private static String username(CliConfig saved) {
        @Nullable String user = saved.username();
        if (user == null) {
            return Prompts.line("Username: ", "log in with `wharf login --username USER` first");
        }
        return user;
    }
}
