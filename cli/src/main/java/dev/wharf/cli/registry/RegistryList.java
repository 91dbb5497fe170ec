package dev.wharf.cli.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.cli.ExitCodes;
import dev.wharf.cli.Session;
import dev.wharf.cli.output.Sizes;
import dev.wharf.cli.output.Table;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code wharf registry list}: the registries the caller may read, with its role and what each holds. */
@Command(
        name = "list",
        aliases = "ls",
        description = "List the registries you may read, with your role and what each holds.",
        footerHeading = "%nExamples:%n",
        footer = {"  wharf registry list", "  wharf reg list -o json"})
public final class RegistryList implements Callable<Integer> {

    @Mixin
    private Session session = new Session();

    @Override
    public Integer call() {
        JsonNode registries = session.client().get("/api/v1/registries");
        Table table = new Table("NAME", "FORMAT", "ROLE", "PACKAGES", "VERSIONS", "SIZE", "UPSTREAMS");
        for (JsonNode registry : registries) {
            JsonNode usage = registry.path("usage");
            table.row(
                    registry.path("name").asText(),
                    registry.path("format").asText() + (registry.path("ready").asBoolean(true) ? "" : " (not ready)"),
                    registry.path("role").asText("-"),
                    usage.path("packages").asText("0"),
                    usage.path("versions").asText("0"),
                    Sizes.human(usage.path("storageBytes").asLong()),
                    Registries.upstreams(registry));
        }
        session.output().print(registries, table);
        if (registries.isEmpty()) {
            session.output().note("no registry you may read; `wharf login` to see those you have a role in");
        }
        return ExitCodes.OK;
    }
}
