package dev.wharf.cli.artifact;

import dev.wharf.cli.CliException;
import dev.wharf.cli.ExitCodes;
import dev.wharf.cli.Prompts;
import dev.wharf.cli.Session;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code wharf artifact delete}: a version, or a package with all its versions, after a yes. */
@Command(
        name = "delete",
        aliases = "rm",
        description = "Delete a version, or with no --version the package and all its versions. Asks first on a"
                + " terminal; elsewhere --yes is needed.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  wharf artifact delete --registry generic --package tool --version 1.4.0",
            "  wharf artifact delete --registry generic --package tool --yes"
        })
public final class ArtifactDelete implements Callable<Integer> {

    @Mixin
    private Session session = new Session();

    @Option(names = "--registry", required = true, paramLabel = "REGISTRY", description = "the registry")
    private String registry = "";

    @Option(names = "--package", required = true, paramLabel = "PACKAGE", description = "the package")
    private String packageName = "";

    @Option(names = "--version", paramLabel = "VERSION", description = "the version; without it, the whole package")
    private @Nullable String version;

    @Option(names = "--yes", description = "do not ask")
    private boolean yes;

    @Override
    public Integer call() {
        String what = version == null
                ? "package " + packageName + " with all its versions from " + registry
                : "version " + version + " of " + packageName + " from " + registry;
        if (!yes) {
            if (!Prompts.interactive()) {
                throw new CliException(ExitCodes.USAGE, "deleting " + what + " needs --yes when there is no terminal");
            }
            String answer = Prompts.line("Delete " + what + "? [y/N] ", "answer y, or pass --yes");
            if (!answer.toLowerCase(Locale.ROOT).startsWith("y")) {
                session.output().line("Nothing deleted");
                return ExitCodes.OK;
            }
        }
        session.client()
                .delete(
                        version == null
                                ? Coordinates.pkg(registry, packageName)
                                : Coordinates.version(registry, packageName, version));
        session.output().line("Deleted " + what);
        return ExitCodes.OK;
    }
}
