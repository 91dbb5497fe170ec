package dev.wharf.cli.registry;

import dev.wharf.cli.CliException;
import dev.wharf.cli.ExitCodes;
import dev.wharf.cli.Session;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code wharf registry configure npm}: the registry and its token line in an {@code .npmrc}. */
@Command(
        name = "npm",
        description = "Point npm (and pnpm, yarn) at an npm registry in ~/.npmrc, or ./.npmrc with --project-level.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  wharf registry configure npm npm",
            "  wharf registry configure npm npm --scope @acme --project-level"
        })
public final class ConfigureNpm implements Callable<Integer> {

    @Mixin
    private Session session = new Session();

    @Mixin
    private ClientCredentials credentials = new ClientCredentials();

    @Parameters(paramLabel = "REGISTRY", description = "the npm registry")
    private String registry = "";

    @Option(names = "--scope", paramLabel = "@SCOPE", description = "only packages of this scope, such as @acme")
    private @Nullable String scope;

    @ArgGroup(exclusive = true)
    private @Nullable Where where;

    /** Which .npmrc. */
    static final class Where {
        @Option(
                names = "--global",
                description = "the user's ~/.npmrc (the default; NPM_CONFIG_USERCONFIG names another)")
        boolean global;

        @Option(names = "--project-level", description = "the .npmrc of the current directory")
        boolean project;

        @Option(names = "--file", paramLabel = "FILE", description = "this file")
        @Nullable Path file;
    }

    @Override
    public Integer call() {
        if (scope != null && !NpmrcFile.isScope(scope)) {
            throw new CliException(ExitCodes.USAGE, "--scope " + scope + " is not an npm scope; write it as @name");
        }
        ClientCredentials.Resolved resolved = credentials.resolve(session, registry, "npm");
        Path file = file();
        ClientFiles.write(file, NpmrcFile.merge(ClientFiles.read(file), scope, resolved.url(), resolved.token()));
        session.output()
                .line("Configured npm for registry " + registry + (scope == null ? "" : " (scope " + scope + ")")
                        + " in " + file + ": " + resolved.url());
        return ExitCodes.OK;
    }

    private Path file() {
        if (where != null && where.file != null) {
            return where.file;
        }
        if (where != null && where.project) {
            return Path.of(".npmrc");
        }
        return ClientFiles.userFile(session.environment(), session.home(), "NPM_CONFIG_USERCONFIG", ".npmrc");
    }
}
