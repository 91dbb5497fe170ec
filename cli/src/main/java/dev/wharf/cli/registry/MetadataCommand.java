package dev.wharf.cli.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.cli.CliException;
import dev.wharf.cli.ExitCodes;
import dev.wharf.cli.HelpOption;
import dev.wharf.cli.Session;
import dev.wharf.cli.http.ApiClient;
import dev.wharf.cli.output.Table;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code wharf registry metadata}: key:value metadata of a registry (read-only), a package or a version. */
@Command(
        name = "metadata",
        description = {
            "Read, set or delete key:value metadata of a package or a version; read a registry's.",
            "Registry metadata comes from Git: it is spec.metadata of the Registry manifest."
        },
        subcommands = {MetadataCommand.Get.class, MetadataCommand.Set.class, MetadataCommand.Delete.class},
        footerHeading = "%nExamples:%n",
        footer = {
            "  wharf registry metadata get --registry npm --package left-pad",
            "  wharf registry metadata set --registry npm --package left-pad --version 1.3.0 --metadata team:web,ticket:OPS-42"
        })
public final class MetadataCommand {

    @Mixin
    @SuppressWarnings("unused") // picocli reads it
    private HelpOption help = new HelpOption();

    /** Whose metadata. */
    static final class Target {
        @Option(names = "--registry", required = true, paramLabel = "REGISTRY", description = "the registry")
        String registry = "";

        @Option(names = "--package", paramLabel = "PACKAGE", description = "the package; without it, the registry")
        @Nullable String packageName;

        @Option(names = "--version", paramLabel = "VERSION", description = "the version of the package")
        @Nullable String version;

        String path() {
            if (packageName == null) {
                if (version != null) {
                    throw new CliException(ExitCodes.USAGE, "--version needs --package");
                }
                return Registries.path(registry) + "/metadata";
            }
            String path = Registries.path(registry) + "/packages/" + ApiClient.segment(packageName);
            if (version != null) {
                path += "/versions/" + ApiClient.segment(version);
            }
            return path + "/metadata";
        }

        void mayChange() {
            if (packageName == null) {
                throw new CliException(
                        ExitCodes.USAGE,
                        "registry metadata comes from Git: change spec.metadata in the manifest of Registry '"
                                + registry
                                + "' and apply it; --package (and --version) name what this command changes");
            }
        }
    }

    @Command(
            name = "get",
            description = "Show the metadata.",
            footerHeading = "%nExample:%n",
            footer = "  wharf registry metadata get --registry npm --package left-pad --version 1.3.0")
    static final class Get implements Callable<Integer> {
        @Mixin
        private Session session = new Session();

        @Mixin
        private Target target = new Target();

        @Override
        public Integer call() {
            JsonNode entries = session.client().get(target.path());
            Table table = new Table("KEY", "VALUE");
            for (Map.Entry<String, JsonNode> entry : entries.properties()) {
                table.row(entry.getKey(), entry.getValue().asText());
            }
            session.output().print(entries, table);
            return ExitCodes.OK;
        }
    }

    @Command(
            name = "set",
            description = "Set entries, keeping the others.",
            footerHeading = "%nExample:%n",
            footer = "  wharf registry metadata set --registry npm --package left-pad --metadata team:web,tier:1")
    static final class Set implements Callable<Integer> {
        @Mixin
        private Session session = new Session();

        @Mixin
        private Target target = new Target();

        @Option(
                names = "--metadata",
                required = true,
                split = ",",
                paramLabel = "KEY:VALUE",
                description = "entries, comma-separated")
        private List<String> entries = List.of();

        @Override
        public Integer call() {
            target.mayChange();
            ObjectNode body = ApiClient.JSON.createObjectNode();
            for (String entry : entries) {
                int colon = entry.indexOf(':');
                if (colon <= 0) {
                    throw new CliException(
                            ExitCodes.USAGE, "--metadata " + entry + " is not key:value, such as team:web");
                }
                body.put(
                        entry.substring(0, colon).strip(),
                        entry.substring(colon + 1).strip());
            }
            JsonNode result = session.client().patch(target.path(), body);
            Table table = new Table("KEY", "VALUE");
            for (Map.Entry<String, JsonNode> entry : result.properties()) {
                table.row(entry.getKey(), entry.getValue().asText());
            }
            session.output().print(result, table);
            return ExitCodes.OK;
        }
    }

    @Command(
            name = "delete",
            description = "Delete one entry.",
            footerHeading = "%nExample:%n",
            footer = "  wharf registry metadata delete --registry npm --package left-pad --key tier")
    static final class Delete implements Callable<Integer> {
        @Mixin
        private Session session = new Session();

        @Mixin
        private Target target = new Target();

        @Option(names = "--key", required = true, paramLabel = "KEY", description = "the key to delete")
        private String key = "";

        @Override
        public Integer call() {
            target.mayChange();
            session.client().delete(target.path() + "/" + ApiClient.segment(key));
            session.output().line("Deleted metadata key " + key);
            return ExitCodes.OK;
        }
    }
}
