package dev.wharf.cli.artifact;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.cli.CliException;
import dev.wharf.cli.ExitCodes;
import dev.wharf.cli.Session;
import dev.wharf.cli.http.ApiClient;
import dev.wharf.cli.output.Sizes;
import dev.wharf.cli.output.Table;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code wharf artifact push generic}: uploads each file under its name, streamed from disk with its sha256, which
 * the server verifies before the file becomes visible.
 */
@Command(
        name = "generic",
        description = "Upload files as a version of a generic package, each under its file name.",
        footerHeading = "%nExample:%n",
        footer =
                "  wharf artifact push generic --registry generic --package tool --version 1.4.0 tool.tar.gz README.md")
public final class PushGeneric implements Callable<Integer> {

    @Mixin
    private Session session = new Session();

    @Mixin
    private Version target = new Version();

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "the files to push")
    private List<Path> files = new ArrayList<>();

    @Override
    public Integer call() {
        for (Path file : files) {
            if (!Files.isRegularFile(file)) {
                throw new CliException(ExitCodes.USAGE, file + " is not a file");
            }
        }
        ApiClient client = session.client();
        ArrayNode pushed = ApiClient.JSON.createArrayNode();
        Table table = new Table("FILE", "SIZE", "SHA256");
        for (Path file : files) {
            String name = file.getFileName().toString();
            String sha256 = Digests.sha256(file);
            long size = size(file);
            session.output().progress("Pushing " + name + " (" + Sizes.human(size) + ")");
            client.upload(
                    Coordinates.genericFile(target.registry, target.packageName, target.version, name), file, sha256);
            ObjectNode entry = pushed.addObject();
            entry.put("file", name);
            entry.put("size", size);
            entry.put("sha256", sha256);
            table.row(name, Sizes.human(size), sha256);
        }
        session.output().print(pushed, table);
        session.output().line("Pushed " + files.size() + " file(s) to " + target.describe());
        return ExitCodes.OK;
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new CliException(ExitCodes.FAILED, "cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
