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

/** {@code wharf registry configure docker}: the host's credentials in docker's {@code config.json}. */
@Command(
        name = "docker",
        description = "Save the registry host's credentials in ~/.docker/config.json (DOCKER_CONFIG names the"
                + " folder), as `docker login` would; podman and helm read it too.",
        footerHeading = "%nExample:%n",
        footer = "  wharf registry configure docker docker")
public final class ConfigureDocker implements Callable<Integer> {

    @Mixin
    private Session session = new Session();

    @Mixin
    private ClientCredentials credentials = new ClientCredentials();

    @Parameters(paramLabel = "REGISTRY", description = "the docker registry")
    private String registry = "";

    @Option(names = "--file", paramLabel = "FILE", description = "this config.json")
    private @Nullable Path file;

    @Override
    public Integer call() {
        ClientCredentials.Resolved resolved = credentials.resolve(session, registry, "docker");
        String host = resolved.base().getRawAuthority();
        Path target = file != null ? file : dockerConfig();
        ClientFiles.write(
                target, DockerConfigFile.merge(ClientFiles.read(target), host, resolved.username(), resolved.token()));
        session.output()
                .line("Configured docker for " + host + " in " + target + "; images of registry " + registry + " are "
                        + resolved.url() + "/<name>:<tag>");
        return ExitCodes.OK;
    }

    private Path dockerConfig() {
        String folder = session.environment().get("DOCKER_CONFIG");
        if (folder != null && !folder.isBlank()) {
            return Path.of(folder, "config.json");
        }
        return ClientFiles.userFile(session.environment(), session.home(), null, ".docker", "config.json");
    }
}
