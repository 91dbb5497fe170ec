package dev.wharf.cli.artifact;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.cli.ExitCodes;
import dev.wharf.cli.Session;
import dev.wharf.cli.http.ApiClient;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code wharf artifact copy}: a version into another registry of the same format, on the server. */
@Command(
        name = "copy",
        aliases = "cp",
        description = "Copy a version, with its files and metadata, into another registry of the same format; the"
                + " bytes stay on the server.",
        footerHeading = "%nExample:%n",
        footer = "  wharf artifact copy --registry staging --package tool --version 1.4.0 --to releases")
public final class ArtifactCopy implements Callable<Integer> {

    @Mixin
    private Session session = new Session();

    @Mixin
    private Version source = new Version();

    @Option(names = "--to", required = true, paramLabel = "REGISTRY", description = "the registry to copy into")
    private String target = "";

    @Override
    public Integer call() {
        ObjectNode body = ApiClient.JSON.createObjectNode().put("targetRegistry", target);
        JsonNode copied = session.client()
                .post(Coordinates.version(source.registry, source.packageName, source.version) + "/copy", body);
        session.output().print(copied, "Copied " + source.describe() + " to " + target);
        return ExitCodes.OK;
    }
}
