package dev.wharf.cli.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.cli.ExitCodes;
import dev.wharf.cli.Session;
import dev.wharf.cli.output.Sizes;
import dev.wharf.cli.output.Times;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code wharf registry get NAME}: one registry's settings and what it holds. */
@Command(
        name = "get",
        description = "Show one registry: its format, your role, its settings, metadata and what it holds.",
        footerHeading = "%nExample:%n",
        footer = "  wharf registry get npm")
public final class RegistryGet implements Callable<Integer> {

    @Mixin
    private Session session = new Session();

    @Parameters(paramLabel = "REGISTRY", description = "the registry's name")
    private String registry = "";

    @Override
    public Integer call() {
        JsonNode found = session.client().get(Registries.path(registry));
        JsonNode usage = found.path("usage");
        StringBuilder text = new StringBuilder();
        line(text, "Name", found.path("name").asText());
        line(text, "Format", found.path("format").asText());
        line(text, "Your role", found.path("role").asText("-"));
        line(text, "Ready", found.path("ready").asBoolean() ? "yes" : "no: " + found.path("problems"));
        line(text, "Push allowed", found.path("allowPush").asBoolean() ? "yes" : "no");
        line(text, "Overwrite", found.path("allowOverwrite").asBoolean() ? "yes" : "no");
        line(text, "Upstreams", Registries.upstreams(found));
        StringBuilder metadata = new StringBuilder();
        for (Map.Entry<String, JsonNode> entry : found.path("metadata").properties()) {
            metadata.append(metadata.isEmpty() ? "" : ", ")
                    .append(entry.getKey())
                    .append(':')
                    .append(entry.getValue().asText());
        }
        line(text, "Metadata", metadata.isEmpty() ? "-" : metadata.toString());
        line(text, "Packages", usage.path("packages").asText());
        line(text, "Versions", usage.path("versions").asText());
        line(text, "Files", usage.path("files").asText());
        line(text, "Size", Sizes.human(usage.path("storageBytes").asLong()));
        line(text, "Downloads", usage.path("downloads").asText());
        line(text, "Last push", Times.human(usage.path("lastPushedAt")));
        session.output().print(found, text.toString());
        return ExitCodes.OK;
    }

    private static void line(StringBuilder text, String label, String value) {
        text.append(String.format("%-13s %s%n", label + ":", value));
    }
}
