package dev.wharf.cli.artifact;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.cli.CliException;
import dev.wharf.cli.ExitCodes;
import dev.wharf.cli.Session;
import dev.wharf.cli.http.ApiClient;
import dev.wharf.cli.output.Sizes;
import dev.wharf.cli.output.Table;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code wharf artifact pull generic}: downloads every file of a version into a folder, each checked against the
 * sha256 the server lists before it is put in place.
 */
@Command(
        name = "generic",
        description = "Download every file of a version of a generic package into a folder.",
        footerHeading = "%nExample:%n",
        footer = "  wharf artifact pull generic --registry generic --package tool --version 1.4.0 --dest out/")
public final class PullGeneric implements Callable<Integer> {

    @Mixin
    private Session session = new Session();

    @Mixin
    private Version source = new Version();

    @Option(names = "--dest", paramLabel = "DIR", description = "the folder to write to (default: the current one)")
    private Path dest = Path.of(".");

    @Override
    public Integer call() {
        ApiClient client = session.client();
        JsonNode files =
                client.get(Coordinates.version(source.registry, source.packageName, source.version) + "/files");
        Path folder = dest.toAbsolutePath().normalize();
        ArrayNode pulled = ApiClient.JSON.createArrayNode();
        Table table = new Table("FILE", "SIZE", "SHA256");
        for (JsonNode file : files) {
            String path = file.path("path").asText();
            Path target = folder.resolve(path).normalize();
            if (!target.startsWith(folder) || target.equals(folder)) {
                throw new CliException(
                        ExitCodes.FAILED, "the server lists a file '" + path + "' that would land outside " + folder);
            }
            session.output()
                    .progress("Pulling " + path + " ("
                            + Sizes.human(file.path("size").asLong()) + ")");
            String sha256 = Transfers.save(
                    client.download(Coordinates.genericFile(source.registry, source.packageName, source.version, path)),
                    target,
                    file.path("sha256").asText());
            ObjectNode entry = pulled.addObject();
            entry.put("file", path);
            entry.put("size", file.path("size").asLong());
            entry.put("sha256", sha256);
            entry.put("savedTo", target.toString());
            table.row(path, Sizes.human(file.path("size").asLong()), sha256);
        }
        session.output().print(pulled, table);
        session.output().line("Pulled " + files.size() + " file(s) of " + source.describe() + " into " + folder);
        return ExitCodes.OK;
    }
}
