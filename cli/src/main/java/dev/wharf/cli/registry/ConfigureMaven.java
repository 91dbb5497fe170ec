package dev.wharf.cli.registry;

import dev.wharf.cli.ExitCodes;
import dev.wharf.cli.Session;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code wharf registry configure maven}: a server and a mirror in {@code settings.xml}. */
@Command(
        name = "maven",
        description = "Add the registry as a <server> (credentials) and a <mirror> of everything to ~/.m2/settings.xml;"
                + " deploy with -DaltDeploymentRepository=REGISTRY::URL.",
        footerHeading = "%nExample:%n",
        footer = "  wharf registry configure maven maven")
public final class ConfigureMaven implements Callable<Integer> {

    @Mixin
    private Session session = new Session();

    @Mixin
    private ClientCredentials credentials = new ClientCredentials();

    @Parameters(paramLabel = "REGISTRY", description = "the maven registry")
    private String registry = "";

    @Option(names = "--file", paramLabel = "FILE", description = "this settings.xml instead of ~/.m2/settings.xml")
    private @Nullable Path file;

    @Override
    public Integer call() {
        ClientCredentials.Resolved resolved = credentials.resolve(session, registry, "maven");
        Path target = file != null
                ? file
                : ClientFiles.userFile(session.environment(), session.home(), null, ".m2", "settings.xml");
        ClientFiles.write(
                target,
                MavenSettingsFile.merge(
                        ClientFiles.read(target), registry, resolved.url(), resolved.username(), resolved.token()));
        session.output()
                .line("Configured Maven for registry " + registry + " in " + target + ": server and mirror '" + registry
                        + "' at " + resolved.url());
        return ExitCodes.OK;
    }
}
