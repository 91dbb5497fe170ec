package dev.wharf.cli.artifact;

import dev.wharf.cli.ExitCodes;
import dev.wharf.cli.Session;
import dev.wharf.cli.output.Sizes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code wharf artifact download}: a zip of a version's files, or of every version of a package. */
@Command(
        name = "download",
        description = "Download a zip of a version's files, or with no --version of every version of the package.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  wharf artifact download --registry generic --package tool --version 1.4.0",
            "  wharf artifact download --registry generic --package tool --dest tool-all.zip"
        })
public final class ArtifactDownload implements Callable<Integer> {

    @Mixin
    private Session session = new Session();

    @Option(names = "--registry", required = true, paramLabel = "REGISTRY", description = "the registry")
    private String registry = "";

    @Option(names = "--package", required = true, paramLabel = "PACKAGE", description = "the package")
    private String packageName = "";

    @Option(names = "--version", paramLabel = "VERSION", description = "the version; without it, every version")
    private @Nullable String version;

    @Option(
            names = "--dest",
            paramLabel = "PATH",
            description = "the zip file, or a folder for PACKAGE-VERSION.zip (default: the current folder)")
    private Path dest = Path.of(".");

    @Override
    public Integer call() throws IOException {
        String path = (version == null
                        ? Coordinates.pkg(registry, packageName)
                        : Coordinates.version(registry, packageName, version))
                + "/download";
        String name = packageName.replace('/', '-').replace("@", "") + (version == null ? "" : "-" + version) + ".zip";
        Path target = Files.isDirectory(dest) ? dest.resolve(name) : dest;
        session.output().progress("Downloading " + name);
        String sha256 = Transfers.save(session.client().download(path), target, null);
        session.output().line("Saved " + target + " (" + Sizes.human(Files.size(target)) + ", sha256 " + sha256 + ")");
        return ExitCodes.OK;
    }
}
