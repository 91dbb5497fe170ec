package dev.wharf.cli.login;

import dev.wharf.cli.ExitCodes;
import dev.wharf.cli.Session;
import dev.wharf.cli.config.CliConfig;
import dev.wharf.cli.http.ApiClient;
import dev.wharf.cli.http.ApiException;
import dev.wharf.cli.http.Credentials;
import java.net.URI;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code wharf logout}: revokes the saved token on the server, then removes it from the configuration file. */
@Command(
        name = "logout",
        description = "Revoke the token `wharf login` saved and remove it from the configuration file.",
        footerHeading = "%nExample:%n",
        footer = "  wharf logout")
public final class LogoutCommand implements Callable<Integer> {

    @Mixin
    private Session session = new Session();

    @Override
    public Integer call() {
        CliConfig saved = session.config();
        String token = saved.token();
        String server = saved.server();
        if (token == null || server == null) {
            session.output().line("Not logged in; nothing to do");
            return ExitCodes.OK;
        }
        Long id = saved.tokenId();
        String revoked = "";
        if (id != null) {
            try {
                new ApiClient(URI.create(server), new Credentials.Token(token)).delete("/api/v1/tokens/" + id);
                revoked = "revoked token " + id + " and ";
            } catch (ApiException e) {
                session.output()
                        .note("the server did not revoke token " + id + " (" + e.getMessage()
                                + "); it is removed from this machine anyway");
            }
        } else {
            session.output().note("the token was given to `wharf login --token`; revoke it where it was made");
        }
        session.store().save(saved.loggedOut());
        session.output()
                .line("Logged out of " + server + ": " + revoked + "removed it from "
                        + session.store().file());
        return ExitCodes.OK;
    }
}
