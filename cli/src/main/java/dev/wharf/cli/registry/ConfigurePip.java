package dev.wharf.cli.registry;

import dev.wharf.cli.ExitCodes;
import dev.wharf.cli.Session;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code wharf registry configure pip}: the index URL, with its credentials, in {@code pip.conf}. */
@Command(
        name = "pip",
        description = "Set pip's index-url (with the credentials) to the registry in ~/.config/pip/pip.conf"
                + " (PIP_CONFIG_FILE names another).",
        footerHeading = "%nExample:%n",
        footer = "  wharf registry configure pip pypi")
public final class ConfigurePip implements Callable<Integer> {

    @Mixin
    private Session session = new Session();

    @Mixin
    private ClientCredentials credentials = new ClientCredentials();

    @Parameters(paramLabel = "REGISTRY", description = "the pypi registry")
    private String registry = "";

    @Option(names = "--file", paramLabel = "FILE", description = "this pip.conf")
    private @Nullable Path file;

    @Override
    public Integer call() {
        ClientCredentials.Resolved resolved = credentials.resolve(session, registry, "pypi");
        URI index = URI.create(resolved.url());
        String withCredentials = index.getScheme() + "://" + encode(resolved.username()) + ":"
                + encode(resolved.token()) + "@" + index.getRawAuthority() + index.getRawPath();
        String trusted = "http".equals(index.getScheme()) ? index.getHost() : null;
        Path target = file != null
                ? file
                : ClientFiles.userFile(
                        session.environment(), session.home(), "PIP_CONFIG_FILE", ".config", "pip", "pip.conf");
        ClientFiles.write(target, PipConfFile.merge(ClientFiles.read(target), withCredentials, trusted));
        session.output().line("Configured pip for registry " + registry + " in " + target + ": " + resolved.url());
        return ExitCodes.OK;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
